"""The edge middleware of the app, in order (outermost first)."""

from starlette.middleware import Middleware

from app.edge.body_limit import BodyLimitMiddleware
from app.edge.rate_limit import RateLimiter, RateLimitMiddleware, storage_for
from app.settings import Settings


def rate_limiter(settings: Settings) -> RateLimiter:
    """The limiter the settings ask for (memory, or Redis when broadcasts go through Redis)."""
    limited = settings.rate_limit_per_minute > 0 or settings.anonymous_rate_limit_per_minute > 0
    return RateLimiter(
        storage_for(settings.broadcast_url if limited else "memory://"),
        per_key=settings.rate_limit_per_minute,
        anonymous=settings.anonymous_rate_limit_per_minute,
    )


def edge_middleware(settings: Settings, limiter: RateLimiter) -> list[Middleware]:
    """Rate limit first (the cheapest refusal, before any byte of the body is read), then the
    body size limit. CORS, when present, belongs outside both so refusals carry its headers."""
    return [
        Middleware(RateLimitMiddleware, limiter=limiter),
        Middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes),
    ]
