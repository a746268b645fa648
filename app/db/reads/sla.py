"""The SLA state of cases as a query condition (the same table as ``domain.sla.sla_state``)."""

import datetime as dt

from tortoise.expressions import Q

from app.domain.case_status import CaseState
from app.domain.sla import SlaState


def _running(now: dt.datetime) -> Q:
    return Q(
        state=CaseState.OPEN,
        sla_breached_at__isnull=True,
        sla_paused_at__isnull=True,
        sla_expires_at__gt=now,
    )


def sla_state_condition(state: SlaState, now: dt.datetime) -> Q:
    """Cases in this SLA state at ``now``."""
    match state:
        case SlaState.NONE:
            return Q(sla_expires_at__isnull=True, sla_breached_at__isnull=True)
        case SlaState.BREACHED:
            return Q(sla_breached_at__isnull=False) | Q(
                state=CaseState.OPEN, sla_paused_at__isnull=True, sla_expires_at__lte=now
            )
        case SlaState.PAUSED:
            return Q(
                state=CaseState.OPEN,
                sla_breached_at__isnull=True,
                sla_expires_at__isnull=False,
                sla_paused_at__isnull=False,
            )
        case SlaState.MET:
            return Q(
                state=CaseState.RESOLVED,
                sla_breached_at__isnull=True,
                sla_expires_at__isnull=False,
            )
        case SlaState.WARNING:
            return _running(now) & Q(sla_warning_at__lte=now)
        case SlaState.ON_TRACK:
            return _running(now) & (Q(sla_warning_at__isnull=True) | Q(sla_warning_at__gt=now))


def sla_states_condition(states: list[SlaState], now: dt.datetime) -> Q:
    """Cases in any of these SLA states at ``now``."""
    conditions = [sla_state_condition(s, now) for s in dict.fromkeys(states)]
    return Q(*conditions, join_type=Q.OR)
