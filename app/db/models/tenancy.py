"""Organizations, users, teams and API keys."""

from tortoise import fields
from tortoise.models import Model

from app.domain.principal import Availability, Role


class Organization(Model):
    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=200, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "organization"


class User(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="users", on_delete=fields.CASCADE
    )
    organization_id: int
    email = fields.CharField(max_length=254)
    name = fields.CharField(max_length=200)
    role = fields.CharEnumField(Role, max_length=16)
    availability = fields.CharEnumField(Availability, max_length=16, default=Availability.AVAILABLE)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "user"
        unique_together = (("organization", "email"),)
        ordering = ["id"]


class Team(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="teams", on_delete=fields.CASCADE
    )
    organization_id: int
    name = fields.CharField(max_length=200)
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        table = "team"
        unique_together = (("organization", "name"),)
        ordering = ["id"]


class TeamMember(Model):
    id = fields.IntField(primary_key=True)
    team: fields.ForeignKeyRelation[Team] = fields.ForeignKeyField(
        "models.Team", related_name="memberships", on_delete=fields.CASCADE
    )
    team_id: int
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="memberships", on_delete=fields.CASCADE
    )
    user_id: int

    class Meta:
        table = "team_member"
        unique_together = (("team", "user"),)


class ApiKey(Model):
    id = fields.IntField(primary_key=True)
    organization: fields.ForeignKeyRelation[Organization] = fields.ForeignKeyField(
        "models.Organization", related_name="api_keys", on_delete=fields.CASCADE
    )
    organization_id: int
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="api_keys", null=True, on_delete=fields.CASCADE
    )
    user_id: int | None
    name = fields.CharField(max_length=200)
    role = fields.CharEnumField(Role, max_length=16)
    prefix = fields.CharField(max_length=16)
    key_hash = fields.CharField(max_length=64, unique=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "api_key"
        ordering = ["id"]
