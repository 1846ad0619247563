"""Keeping Python's cycle collector out of the way of a build.

A build allocates millions of small objects that live until it ends (records, pages).
The cycle collector runs every few hundred allocations and, as the heap grows, rescans
all of them: about a third of loading and a tenth of rendering, measured in bench/.
Reference counting still frees everything that is not part of a cycle.
"""

from __future__ import annotations

import contextlib
import gc
from typing import Iterator


@contextlib.contextmanager
def paused() -> Iterator[None]:
    """No cycle collection inside (loading makes no cyclic garbage); as before afterwards."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextlib.contextmanager
def frozen() -> Iterator[None]:
    """Everything alive now is left out of later collections (and, in forked workers, is
    never written to by them, so their memory stays shared with the parent)."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextlib.contextmanager
def lasting() -> Iterator[None]:
    """For making objects that live as long as the build (records, references, backlinks):
    no collection while they are made (they make no cycles), and none rescans them after."""
    with paused():
        yield
        gc.freeze()  # everything alive now is left out of later collections, until a `frozen()` ends
