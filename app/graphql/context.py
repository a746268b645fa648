"""The per-request (or per-WebSocket-connection) context: caller and DataLoaders."""

from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from app.domain.principal import Principal
from app.graphql.loaders import Loaders

# Set by a subscription while the event it yields is resolved: the loaders shared by every
# subscriber of that event, so reads per event do not grow with the number of subscribers.
FEED_LOADERS: ContextVar[Loaders | None] = ContextVar("feed_loaders", default=None)


@dataclass
class Context:
    """What every resolver sees as ``info.context``."""

    principal: Principal | None
    auth_error: str | None = None
    request: Any = None
    response: Any = None
    connection_params: dict[str, Any] | None = None
    feeds: Any = None
    settings: Any = None
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
