"""Garbage-collector settings of a serving process.

CPython's cycle collector is generational: a young collection runs every ``threshold0``
container allocations and scans the objects allocated since; a full one scans every tracked
object (about 2.5 million with 10,000 WebSocket subscribers: a second without sending
anything). A fan-out to 10,000 subscribers allocates a few million short-lived containers,
so with the default threshold (700) it ran thousands of young collections, each scanning the
in-flight work of the subscribers around it (a quarter of the fan-out's CPU), and every ten
young-of-young collections it considered a full one.
"""

import gc

# young collections every 50,000 allocations instead of 700: most fan-out objects die by
# reference counting before a collection sees them; the garbage a collection finds is the
# same, found later (at most 50,000 objects, a few MiB)
YOUNG_THRESHOLD = 50_000


def tune_for_serving() -> None:
    """Call once per serving process, after the app is built and before it serves: collect,
    then freeze what exists (modules, the schema, the settings: never garbage) so that no
    collection scans it again, and raise the young threshold."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
