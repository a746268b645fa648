"""The per-request (or per-WebSocket-connection) context: caller and DataLoaders."""

from contextvars import ContextVar
from dataclasses import dataclass, field

import strawberry
from starlette.requests import Request
from starlette.responses import Response
from starlette.websockets import WebSocket

from app.domain.principal import Principal
from app.events.feed import FeedHub
from app.graphql.loaders import Loaders
from app.settings import Settings

# Set by a subscription while the event it yields is resolved: the loaders shared by every
# subscriber of that event, so reads per event do not grow with the number of subscribers.
FEED_LOADERS: ContextVar[Loaders | None] = ContextVar("feed_loaders", default=None)


@dataclass(slots=True, weakref_slot=True)  # one per WebSocket too: no per-instance dict
class Context:
    """What every resolver sees as ``info.context``."""

    principal: Principal | None
    feeds: FeedHub
    settings: Settings
    auth_error: str | None = None
    request: Request | WebSocket | None = None
    response: Response | None = None
    connection_params: dict[str, object] | None = None
    _loaders: Loaders | None = field(default=None, repr=False)

    @property
    def loaders(self) -> Loaders:
        """DataLoaders of this request (or of the feed event being resolved)."""
        shared = FEED_LOADERS.get()
        if shared is not None:
            return shared
        if self._loaders is None:
            self._loaders = Loaders(self.require_principal().organization_id)
        return self._loaders

    def require_principal(self) -> Principal:
        """The authenticated caller (the auth extension has already refused anonymous calls)."""
        if self.principal is None:
            raise PermissionError(self.auth_error or "not authenticated")
        return self.principal


Info = strawberry.Info[Context, None]
"""What every resolver takes as ``info``: the typed context, no root value."""
