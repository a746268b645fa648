"""broadcaster set-up: the only module besides the publisher that touches broadcaster."""

from broadcaster import Broadcast
from broadcaster._backends.redis import RedisBackend  # private path: broadcaster is pinned exactly


class FixedRedisBackend(RedisBackend):
    """broadcaster 0.3.1 sets ``_ready`` before redis-py 8 registers the channel, so the
    listener sees no channels and stalls; subscribe first, then signal readiness."""

    async def subscribe(self, channel: str) -> None:
        await self._pubsub.subscribe(channel)
        self._ready.set()


def make_broadcast(url: str) -> Broadcast:
    """A Broadcast for ``memory://`` or ``redis://``; connect it with ``async with``."""
    if url.startswith(("redis://", "rediss://")):
        return Broadcast(backend=FixedRedisBackend(url))
    if url.startswith("memory://"):
        return Broadcast(url)
    raise ValueError(f"unsupported BROADCAST_URL scheme: {url.split(':', 1)[0]}")
