"""One settings object, read from the environment. Nothing else reads os.environ."""

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


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
        description="browser origins allowed to open GraphQL WebSockets (JSON list)",
    )
    public_base_url: str = Field(
        default="http://127.0.0.1:8000", description="base of links in emails and the banner"
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
    sla_poll_seconds: float = Field(
        default=0.5,
        description="how often the SLA deadline worker looks for due warnings and expiries",
    )
    notify_retry_base_seconds: float = Field(
        default=5.0, description="first email retry delay; doubles per attempt"
    )
    notify_max_attempts: int = Field(
        default=8, description="email attempts before a delivery is marked failed"
    )

    @property
    def seeds_demo(self) -> bool:
        """Whether `serve` seeds the demo: the embedded default does, production does not."""
        if self.demo_seed is not None:
            return self.demo_seed
        return self.database_url.startswith("sqlite://")


def get_settings() -> Settings:
    """Read the settings from the environment now."""
    return Settings()
