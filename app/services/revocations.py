"""Revocations reach every replica within a second: each process polls the event log for
``api-key.revoked`` and ``user.role-updated`` (a range scan past the last id it saw, on the
primary key), forgets the key (or every key of the user) in its authentication cache, and
tells its open WebSockets authenticated that way, which close with 4403. The log is shared by
every replica, so nothing depends on a publish arriving."""

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from app.background import running
from app.db.models import Event
from app.domain.events import ApiKeyRevoked, UserRoleUpdated
from app.services import auth

log = logging.getLogger(__name__)
REMEMBERED = 10_000  # revoked key ids kept in memory (each is also revoked in the database)


@dataclass(frozen=True)
class Revoked:
    """A key that stopped working, or a user whose principals are stale (role changed)."""

    key_id: int | None = None
    user_id: int | None = None

    def covers(self, key_id: int | None, user_id: int | None) -> bool:
        """Whether a principal with this key and user is affected."""
        if self.key_id is not None and key_id == self.key_id:
            return True
        return self.user_id is not None and user_id == self.user_id


class Revocations:
    """The process's view of revoked keys, and who to tell."""

    def __init__(self) -> None:
        self.revoked: dict[int, None] = {}
        self.changed_users: dict[int, None] = {}
        self.listeners: list[Callable[[Revoked], None]] = []
        self.last_id: int | None = None

    def is_revoked(self, key_id: int | None, user_id: int | None = None) -> bool:
        """Whether a principal this process authenticated earlier no longer holds: its key
        was revoked, or its user's role changed, since."""
        if key_id is not None and key_id in self.revoked:
            return True
        return user_id is not None and user_id in self.changed_users

    def listen(self, listener: Callable[["Revoked"], None]) -> Callable[[], None]:
        """Call ``listener(revoked)`` on each revocation; returns the way to stop."""
        self.listeners.append(listener)
        return lambda: self.listeners.remove(listener)

    async def poll(self) -> int:
        """Take in revocations appended since the last poll; returns how many."""
        if self.last_id is None:
            newest = await Event.all().order_by("-id").only("id").first()
            self.last_id = newest.id if newest is not None else 0
            return 0
        rows = (
            await Event.filter(id__gt=self.last_id)
            .order_by("id")
            .values_list("id", "name", "subject_id")
        )
        found = 0
        for event_id, name, subject_id in rows:
            self.last_id = event_id
            if name == ApiKeyRevoked.event_name:
                found += 1
                self._revoke(Revoked(key_id=subject_id))
            elif name == UserRoleUpdated.event_name:
                found += 1
                self._revoke(Revoked(user_id=subject_id))
        return found

    def _revoke(self, revoked: "Revoked") -> None:
        for ident, seen in ((revoked.key_id, self.revoked), (revoked.user_id, self.changed_users)):
            if ident is not None:
                seen[ident] = None
                while len(seen) > REMEMBERED:
                    seen.pop(next(iter(seen)))
        auth.forget(key_id=revoked.key_id, user_id=revoked.user_id)
        for listener in list(self.listeners):
            try:
                listener(revoked)
            except Exception:
                log.exception("revocation listener failed")

    @contextlib.asynccontextmanager
    async def watching(self, interval: float) -> AsyncIterator[None]:
        """Poll every ``interval`` seconds for as long as the block runs."""
        async with running(self._loop(interval), name="revocations"):
            yield

    async def _loop(self, interval: float) -> None:
        while True:
            try:
                await self.poll()
            except Exception:
                log.warning("polling for revocations failed; retrying", exc_info=True)
            await asyncio.sleep(interval)


revocations = Revocations()
