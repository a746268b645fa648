"""Cost of the rate limiter per request: `python -m bench.rate_limit_overhead [redis://...]`.

Times ``RateLimiter.check`` (all the middleware awaits per request) over 5,000 requests
spread across 1,000 keys. (Timing whole requests with the limits on and off was tried: on
2 shared cores their noise, ±1 ms, swamps the difference.)"""

import asyncio
import sys
import time
import uuid

from app.edge.rate_limit import RateLimiter, storage_for

N = 5000


async def limiter_only(url: str) -> float:
    limiter = RateLimiter(
        storage_for(url, key_prefix=f"bench-{uuid.uuid4().hex}"), per_key=10**9, anonymous=10**9
    )
    keys = [f"cg_{uuid.uuid4().hex}" for _ in range(1000)]
    try:
        began = time.perf_counter()
        for i in range(N):
            await limiter.check(token=keys[i % 1000], address="10.0.0.1")
        return (time.perf_counter() - began) / N
    finally:
        await limiter.close()


async def main() -> None:
    url = sys.argv[1] if len(sys.argv) > 1 else "memory://"
    print(f"RateLimiter.check ({url}): {await limiter_only(url) * 1e6:.1f} µs per request")


if __name__ == "__main__":
    asyncio.run(main())
