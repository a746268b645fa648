"""The per-request (or per-WebSocket-connection) context: caller and DataLoaders."""

from dataclasses import dataclass, field
from typing import Any

from app.domain.principal import Principal
from app.graphql.loaders import Loaders


@dataclass
class Context:
    """What every resolver sees as ``info.context``."""

    principal: Principal | None
    auth_error: str | None = None
    request: Any = None
    response: Any = None
    connection_params: dict[str, Any] | None = None
    _loaders: Loaders | None = field(default=None, repr=False)

    @property
    def loaders(self) -> Loaders:
        """DataLoaders of this request, scoped to the caller's organization."""
        if self._loaders is None:
            self._loaders = Loaders(self.require_principal().organization_id)
        return self._loaders

    def require_principal(self) -> Principal:
        """The authenticated caller (the auth extension has already refused anonymous calls)."""
        if self.principal is None:
            raise PermissionError(self.auth_error or "not authenticated")
        return self.principal
