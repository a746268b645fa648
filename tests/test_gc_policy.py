"""The serving process's collector policy (app.gc_policy)."""

import gc
import weakref

from app.gc_policy import YOUNG_THRESHOLD, Collector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_install_freezes_startup_objects_and_raises_the_young_threshold() -> None:
    before = gc.get_threshold()
    collector = Collector()
    try:
        collector.install()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (YOUNG_THRESHOLD, before[1], before[2])
    finally:
        collector.uninstall()
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0


def test_full_collections_tenure_their_survivors_and_sweeps_free_tenured_cycles() -> None:
    collector = Collector()
    try:
        collector.install()
        survivor = Cycle()
        gc.collect()  # a full collection: the survivor is tenured (frozen)
        alive = weakref.ref(survivor)
        del survivor  # now cyclic garbage, which full collections no longer scan
        gc.collect()
        assert alive() is not None
        collector.sweep()  # unfreeze, collect, freeze again
        assert alive() is None
        assert gc.get_freeze_count() > 0
    finally:
        collector.uninstall()


def test_a_sweep_is_due_when_a_quarter_of_the_connections_closed() -> None:
    collector = Collector()
    assert not collector.sweep_due()  # not installed: never
    collector.installed = True  # the rule alone, without touching the process's collector
    for _ in range(8):
        collector.connection_opened()
    collector.connection_closed()
    assert not collector.sweep_due()  # 1 closed, 7 open
    collector.connection_closed()
    assert collector.sweep_due()  # 2 closed, 6 open: a quarter and more
