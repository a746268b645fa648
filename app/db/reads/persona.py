"""Read helpers of Persona integrations and the calls made to Persona."""

from tortoise.queryset import QuerySet

from app.db.models import PersonaAction, PersonaIntegration


def integrations(organization_id: int) -> QuerySet[PersonaIntegration]:
    """The organization's Persona integrations."""
    return PersonaIntegration.filter(organization_id=organization_id)


def actions(
    organization_id: int, *, inquiry_id: int | None = None, status: str | None = None
) -> QuerySet[PersonaAction]:
    """Calls to Persona matching every given condition."""
    query = PersonaAction.filter(organization_id=organization_id)
    if inquiry_id is not None:
        query = query.filter(inquiry_id=inquiry_id)
    if status is not None:
        query = query.filter(status=status)
    return query
