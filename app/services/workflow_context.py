"""What a workflow step acts on: its run's trigger, the outputs of the earlier steps, and the
cases and inquiries its parameters name."""

from dataclasses import dataclass
from typing import Any

from app.db.models import CaseObject
from app.domain.errors import ValidationError
from app.domain.objects import ObjectType
from app.domain.principal import Principal
from app.domain.workflows import subject_of
from app.events.envelope import EventEnvelope
from app.services.cases.locking import ObjectRef

SUBJECT_OBJECTS = {
    "inquiry": ObjectType.INQUIRY,
    "report": ObjectType.REPORT,
    "account": ObjectType.ACCOUNT,
    "verification": ObjectType.VERIFICATION,
    "transaction": ObjectType.TRANSACTION,
}


@dataclass(frozen=True)
class StepContext:
    """One step's view of its run: who acts, the trigger (event and data), earlier outputs."""

    actor: Principal
    data: dict[str, Any]
    outputs: dict[str, dict[str, Any]]
    event: EventEnvelope

    @property
    def subject(self) -> str:
        """The kind of object the trigger is about."""
        return subject_of(self.event.name)

    def trigger_object(self) -> ObjectRef | None:
        """The trigger's object when a case can link it (an inquiry, report, account, ...)."""
        if self.subject not in SUBJECT_OBJECTS:
            return None
        return ObjectRef(SUBJECT_OBJECTS[self.subject], self.event.subject_id)

    def case_id(self, ref: str | None) -> int:
        """The case a ``case`` parameter names: ``trigger``, ``steps.<id>``, or by default the
        trigger's case, else the last case a step created."""
        if ref is None:
            if self.subject == "case":
                return self.event.subject_id
            created = [o["case_id"] for o in self.outputs.values() if "case_id" in o]
            if not created:
                raise ValidationError.of(
                    "case", "no case: the trigger is not a case and no step made one"
                )
            return int(created[-1])
        if ref == "trigger":
            if self.subject != "case":
                raise ValidationError.of("case", "the trigger is not a case")
            return self.event.subject_id
        output = self.outputs.get(ref.removeprefix("steps."), {})
        if "case_id" not in output:
            raise ValidationError.of("case", f"step '{ref[6:]}' produced no case")
        return int(output["case_id"])

    async def inquiry_ids(self, ref: str | None) -> list[int]:
        """The inquiries an ``inquiry`` parameter names: ``trigger`` (the default for inquiry
        events) or ``case_inquiries`` (those the case links)."""
        if ref in (None, "trigger") and self.subject == "inquiry":
            return [self.event.subject_id]
        if ref in (None, "case_inquiries"):
            case_id = self.case_id(None)
            if self.subject == "case" and case_id == self.event.subject_id:
                return list(self.data.get("case", {}).get("inquiry_ids", []))
            links = await CaseObject.filter(case_id=case_id, object_type=ObjectType.INQUIRY)
            return [link.object_id for link in links]
        raise ValidationError.of("inquiry", "must be 'trigger' or 'case_inquiries'")
