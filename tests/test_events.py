"""The event registry as a contract: every name has one class, payloads round-trip through
the stored JSON, older payload versions are read in the newest shape, the catalogue is
generated from the code, and no event name is spelled outside the registry."""

import ast
import dataclasses
import datetime as dt
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any, ClassVar, Union

import pytest

from app.domain import events
from app.domain.events import (
    EVENT_CLASSES,
    REGISTRY,
    CaseAssigned,
    DomainEvent,
    EventName,
    SubjectType,
    payload_field,
)
from app.events import catalogue
from app.events.codec import decode, encode

APP = Path(__file__).resolve().parents[1] / "app"


def _sample(tp: Any, seed: int) -> Any:
    """A deterministic value of a payload field's type."""
    origin, args = typing.get_origin(tp), typing.get_args(tp)
    if origin in (Union, types.UnionType):
        inner = next(a for a in args if a is not type(None))
        return None if seed % 2 else _sample(inner, seed)
    if origin is tuple:
        return tuple(_sample(args[0], seed + i) for i in range(2))
    if origin is dict:
        return {f"k{seed}": _sample(args[1], seed + 1)}
    if tp is Any:
        return {"nested": [seed, "text", None, True]}
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        return tp(**{f.name: _sample(hints[f.name], seed + 1) for f in dataclasses.fields(tp)})
    if isinstance(tp, type) and issubclass(tp, Enum):
        members = list(tp)
        return members[seed % len(members)]
    if tp is dt.datetime:
        return dt.datetime(2026, 11, 25, 12, 0, seed % 60, tzinfo=dt.UTC)
    return {str: f"text-{seed}", int: 1000 + seed, bool: seed % 2 == 0}[tp]


def _instance(cls: type[DomainEvent], seed: int) -> DomainEvent:
    hints = typing.get_type_hints(cls)
    values = {f.name: _sample(hints[f.name], seed + i) for i, f in enumerate(cls.payload_fields())}
    return cls(subject_id=seed, **values)


def test_every_name_has_exactly_one_class_and_every_class_a_name():
    assert sorted(REGISTRY) == sorted(name.value for name in EventName)
    assert len(EVENT_CLASSES) == len(EventName)
    assert all(REGISTRY[cls.event_name] is cls for cls in EVENT_CLASSES)


def test_every_concrete_event_class_is_registered():
    def concrete(cls: type[DomainEvent]) -> set[type[DomainEvent]]:
        found = {cls} if "event_name" in vars(cls) else set()
        return found.union(*(concrete(sub) for sub in cls.__subclasses__()))

    in_app = {c for c in concrete(DomainEvent) if c.__module__.startswith("app.")}
    assert in_app == set(EVENT_CLASSES)


def test_every_event_and_payload_field_is_described_and_subjects_are_typed():
    for cls in EVENT_CLASSES:
        assert cls.__doc__ and cls.__doc__.strip(), cls
        assert isinstance(cls.subject_type, SubjectType)
        for field in cls.payload_fields():
            assert field.metadata["description"].endswith("."), (cls, field.name)


@pytest.mark.parametrize("cls", EVENT_CLASSES, ids=lambda c: c.event_name)
@pytest.mark.parametrize("seed", [0, 1])
def test_payloads_round_trip_through_the_stored_json(cls, seed):
    event = _instance(cls, seed)
    stored = encode(event)
    assert "subject_id" not in stored
    assert sorted(stored) == sorted(f.name for f in cls.payload_fields())
    assert decode(cls.event_name, event.subject_id, stored, cls.payload_version) == event


def test_the_stored_json_of_a_case_assignment():
    event = CaseAssigned(
        subject_id=7, assignee_id=3, previous_assignee_id=None, explanation={"policy": "x"}
    )
    assert encode(event) == {
        "assignee_id": 3,
        "previous_assignee_id": None,
        "explanation": {"policy": "x"},
        "reason": None,
    }


def test_a_payload_stored_before_a_field_existed_reads_with_the_default():
    stored = {"assignee_id": 3, "previous_assignee_id": 2}  # written before explanation/reason
    assert decode("case.assigned", 7, stored, 1) == CaseAssigned(
        subject_id=7, assignee_id=3, previous_assignee_id=2, explanation=None, reason=None
    )


@dataclasses.dataclass(frozen=True, kw_only=True)
class _RenamedPriority(DomainEvent):
    """A version-2 class whose version 1 stored the priority as text."""

    event_name: ClassVar[str] = "case.prioritized"
    subject_type: ClassVar[SubjectType] = SubjectType.CASE
    payload_version: ClassVar[int] = 2

    priority: int = payload_field("The priority, 1 (highest) to 5.")
    source: str = payload_field("Who set it.", default="api")

    @classmethod
    def upgrade(cls, payload: dict[str, Any], version: int) -> dict[str, Any]:
        levels = {"high": 1, "normal": 3, "low": 5}
        return {**payload, "priority": levels[payload["priority"]]}


def test_an_older_payload_version_is_upgraded_on_read(monkeypatch):
    monkeypatch.setitem(REGISTRY, "case.prioritized", _RenamedPriority)
    assert decode("case.prioritized", 4, {"priority": "high"}, 1) == _RenamedPriority(
        subject_id=4, priority=1, source="api"
    )
    current = {"priority": 2, "source": "workflow"}
    assert decode("case.prioritized", 4, current, 2) == _RenamedPriority(
        subject_id=4, priority=2, source="workflow"
    )


def test_a_name_the_registry_no_longer_declares_decodes_to_nothing():
    assert decode("case.escalated-by-fax", 1, {"fax": "+1"}, 1) is None


def test_the_catalogue_is_generated_from_the_registry():
    assert (APP.parent / "docs" / "EVENTS.md").read_text() == catalogue.render()
    assert catalogue.main(["--check"]) == 0


def test_the_catalogue_names_who_emits_each_event():
    emitted, consumed = catalogue.emitters()
    assert emitted["CaseAssigned"] == ["app.services.cases.assignee.set_assignee"]
    assert emitted["CaseResolved"] == ["app.services.cases.change.set_case_status"]
    assert emitted["InquiryApproved"] == [
        "app.services.inquiries.set_inquiry_status",
        "app.services.persona_ingest.ingest",
    ]
    assert consumed["CaseAssigned"] == [
        "app.workers.assignment_backlog.AssignmentBacklog",
        "app.workers.notifications.NotificationFanout",
    ]
    assert all(emitted.get(cls.__name__) for cls in EVENT_CLASSES)


def _string_constants(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text())
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def test_no_event_name_is_spelled_outside_the_registry():
    names = {name.value for name in EventName}
    registry = APP / "domain" / "events"
    offenders = [
        f"{path.relative_to(APP.parent)}:{line}: {value!r}"
        for path in sorted(APP.rglob("*.py"))
        if registry not in path.parents
        for line, value in _string_constants(path)
        if value in names
    ]
    assert offenders == []


def test_the_literal_check_finds_a_spelled_name(tmp_path):
    module = tmp_path / "bad.py"
    module.write_text('NAME = "case.resolved"\n')
    assert _string_constants(module) == [(1, "case.resolved")]


def test_the_registry_module_is_the_package_the_rest_imports():
    assert events.event_class("case.resolved") is events.CaseResolved
