"""One settings object, read from the environment. Nothing else reads os.environ."""

import re
from enum import StrEnum

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

ORIGIN = re.compile(r"https?://[^/\s*]+")


class Introspection(StrEnum):
    """Who may introspect the schema."""

    PUBLIC = "public"  # anyone, anonymous callers within a size cap (GraphiQL, codegen)
    AUTHENTICATED = "authenticated"
    OFF = "off"


class Settings(BaseSettings):
    """casegraph configuration; every field maps to the upper-case environment variable."""

    model_config = SettingsConfigDict(env_file=None, extra="ignore")

    database_url: str = Field(
        default="sqlite://data/casegraph.sqlite3",
        description="Tortoise URL: sqlite://PATH or postgres://USER:PASS@HOST:PORT/DB",
    )
    broadcast_url: str = Field(
        default="memory://", description="broadcaster URL: memory:// or redis://HOST:PORT"
    )
    host: str = Field(default="127.0.0.1", description="address `serve` binds")
    port: int = Field(default=8000, description="port `serve` binds")
    web_concurrency: int = Field(
        default=1,
        ge=1,
        description="uvicorn worker processes `serve` runs (more than one needs a redis:// "
        "broadcast, so every process sees every event and shares the rate limits)",
    )
    log_level: str = Field(default="info", description="debug, info, warning or error")
    demo_seed: bool | None = Field(
        default=None,
        description="on `serve`, create a demo organization, admin and API key when the "
        "database holds no organization; unset means on for SQLite, off for PostgreSQL",
    )
    migrate_on_start: bool = Field(
        default=True, description="on `serve`, apply pending migrations before listening"
    )
    allowed_origins: list[str] = Field(
        default_factory=list,
        description="browser origins (scheme://host[:port]) allowed to call GraphQL over HTTP "
        "(CORS) and to open GraphQL WebSockets (JSON list)",
    )
    public_base_url: str | None = Field(
        default=None,
        description="base of links in emails; unset: the address `serve` listens on",
    )
    smtp_url: str | None = Field(
        default=None,
        description="smtp://[user:pass@]host[:port][?starttls=true] or smtps://...; "
        "unset: emails are written to the log",
    )
    smtp_from: str = Field(default="casegraph@localhost", description="sender of emails")
    workers_enabled: bool = Field(
        default=True, description="run the event-log workers (assignment backlog, notifications)"
    )
    worker_poll_seconds: float = Field(
        default=0.5, description="how often workers look for new events and due emails"
    )
    feed_poll_seconds: float = Field(
        default=1.0, description="live feeds ask the log for missed events after this much quiet"
    )
    feed_buffer: int = Field(
        default=256, description="events queued per subscriber before a slow one is cut off"
    )
    feed_retention_hours: float = Field(
        default=168.0, description="how far back a subscription may resume with `after`"
    )
    ws_init_timeout_seconds: float = Field(
        default=10.0, description="a WebSocket must send connection_init within this time"
    )
    workflow_max_depth: int = Field(
        default=5, description="longest chain of workflow-caused events before the loop guard"
    )
    workflow_run_retry_base_seconds: float = Field(
        default=5.0, description="first retry delay of a workflow run that raised; doubles"
    )
    workflow_run_max_attempts: int = Field(
        default=5, description="attempts before a workflow run that keeps raising is dead"
    )
    sla_poll_seconds: float = Field(
        default=0.5,
        description="how often the SLA deadline worker looks for due warnings and expiries",
    )
    notify_retry_base_seconds: float = Field(
        default=5.0, description="first email retry delay; doubles per attempt"
    )
    revocation_poll_seconds: float = Field(
        default=0.5,
        description="how often each process looks for revoked API keys (open WebSockets of a "
        "revoked key close with 4403 within about this long)",
    )
    introspection: Introspection = Field(
        default=Introspection.PUBLIC,
        description="who may introspect the schema: public (anonymous too, size-capped), "
        "authenticated, or off",
    )
    max_document_bytes: int = Field(
        default=32 * 1024, description="longest GraphQL document, comments included (bytes)"
    )
    max_anonymous_document_bytes: int = Field(
        default=8 * 1024,
        description="longest document an anonymous caller may send (introspection only)",
    )
    max_query_depth: int = Field(default=12, description="deepest nesting of fields")
    max_query_aliases: int = Field(default=30, description="most aliases in one operation")
    max_query_selections: int = Field(
        default=100, description="most selections in one selection set"
    )
    max_query_cost: int = Field(
        default=500_000,
        description="most objects one operation could return, estimated before it runs "
        "(lists count their maximum, connections their page size)",
    )
    notify_max_attempts: int = Field(
        default=8, description="email attempts before a delivery is marked failed"
    )
    webhook_retry_scale: float = Field(
        default=1.0,
        description="multiplies every webhook retry delay (n**6 s after the n-th failure); "
        "tests use e.g. 0.0001",
    )
    webhook_disable_after_seconds: float = Field(
        default=259200.0,
        description="a webhook failing every delivery this long is disabled and its admins "
        "notified (default 3 days)",
    )
    webhook_allow_private_networks: bool = Field(
        default=False,
        description="let webhooks post to loopback, private and link-local addresses "
        "(tests, on-premise receivers)",
    )
    webhook_timeout_seconds: float = Field(
        default=5.0, description="a webhook receiver must answer within this time"
    )
    webhook_concurrency: int = Field(
        default=20, description="webhook deliveries sent in parallel by one process"
    )

    max_body_bytes: int = Field(
        default=1024 * 1024,
        description="largest HTTP request body; a larger one is refused with 413 unread "
        "(0 = no limit)",
    )
    max_json_depth: int = Field(
        default=32, description="deepest nesting of arrays and objects in a JSON request body"
    )
    ws_max_message_bytes: int = Field(
        default=1024 * 1024,
        description="largest WebSocket message uvicorn accepts on `serve` (else close 1009)",
    )
    request_timeout_seconds: float = Field(
        default=10.0,
        description="a query or mutation (HTTP or WebSocket) is cancelled after this long "
        "(TIMEOUT error; 0 = no limit)",
    )
    rate_limit_per_minute: int = Field(
        default=600, description="HTTP requests per minute per API key (0 = no limit)"
    )
    anonymous_rate_limit_per_minute: int = Field(
        default=60,
        description="HTTP requests per minute per client address without a key, and "
        "requests per minute with a rejected key (0 = no limit)",
    )
    idempotency_ttl_hours: float = Field(
        default=24.0,
        description="how long the first answer to a mutation sent with an Idempotency-Key is "
        "kept and replayed",
    )
    idempotency_wait_seconds: float = Field(
        default=10.0,
        description="how long a duplicate of a request still running waits for its answer "
        "before 409 IDEMPOTENCY_KEY_IN_PROGRESS",
    )
    idempotency_lock_seconds: float = Field(
        default=120.0,
        description="a request holding an Idempotency-Key this long without an answer is "
        "presumed dead (its process crashed) and the key may be taken over",
    )
    encryption_key: str | None = Field(
        default=None,
        description="Fernet key(s) encrypting stored integration credentials (Persona API keys "
        "and webhook secrets), comma-separated, newest first (rotation); generate one with "
        "`casegraph generate-encryption-key`. Unset: integrations cannot be created",
    )
    persona_api_version: str = Field(
        default="2023-01-05", description="Persona-Version header of calls to Persona's API"
    )
    persona_signature_tolerance_seconds: int = Field(
        default=300,
        description="a Persona-Signature timestamp further than this from now is refused",
    )
    persona_retry_scale: float = Field(
        default=1.0,
        description="multiplies every retry delay of calls to Persona's API (n**6 s after the "
        "n-th failure); tests use e.g. 0.0001",
    )
    persona_allow_private_networks: bool = Field(
        default=False,
        description="let Persona API base URLs point to loopback or private addresses (tests, "
        "a proxy on-premise)",
    )

    @field_validator("allowed_origins")
    @classmethod
    def _origins(cls, origins: list[str]) -> list[str]:
        for origin in origins:
            if not ORIGIN.fullmatch(origin):
                raise ValueError(
                    f"{origin!r} is not an origin: expected scheme://host[:port] with no path "
                    "(a wildcard is not allowed)"
                )
        return origins

    @property
    def served_url(self) -> str:
        """The base URL `serve` answers on (0.0.0.0 and :: shown as loopback)."""
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.port}"

    @property
    def links_base_url(self) -> str:
        """Base of links in emails: PUBLIC_BASE_URL, else the address served."""
        return (self.public_base_url or self.served_url).rstrip("/")

    @property
    def seeds_demo(self) -> bool:
        """Whether `serve` seeds the demo: the embedded default does, production does not."""
        if self.demo_seed is not None:
            return self.demo_seed
        return self.database_url.startswith("sqlite://")


def get_settings() -> Settings:
    """Read the settings from the environment now."""
    return Settings()
