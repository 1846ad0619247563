"""How a long build shows it is alive: a spinner line on a terminal, one line per stage in a log.

`build()` calls the progress callback with the name of each stage as it starts; this
module only decides how that looks. Nothing here is needed for a build to work.
"""

from __future__ import annotations

import sys
import threading
import time
from contextlib import contextmanager
from typing import Callable, Iterator, TextIO

ProgressCallback = Callable[[str], None]

_SPINNER = "|/-\\"
_FRAME_SECONDS = 0.1


class StageLog:
    """Not a terminal (CI, a pipe): one plain line per stage, with the time so far."""

    def __init__(self, stream: TextIO):
        self.stream, self.started = stream, 0.0

    def __call__(self, stage: str) -> None:
        self.started = self.started or time.perf_counter()  # the clock starts with the first stage
        print(f"{time.perf_counter() - self.started:5.1f} s  {stage}", file=self.stream, flush=True)

    def close(self) -> None:
        pass


class Spinner:
    """A terminal: one line rewritten in place, spinning while a stage runs, erased at the end."""

    def __init__(self, stream: TextIO):
        self.stream, self.started = stream, time.perf_counter()
        self.stage, self.number = "", 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._spin, daemon=True)

    def __call__(self, stage: str) -> None:
        self.stage, self.number = stage, self.number + 1
        if not self._thread.is_alive():
            self.started = time.perf_counter()
            self._thread.start()

    def close(self) -> None:
        """Stop spinning and erase the line, so the summary starts on a clean line."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()
        self.stream.write("\r\x1b[K")
        self.stream.flush()

    def _spin(self) -> None:
        frame = 0
        while not self._stop.wait(_FRAME_SECONDS):
            elapsed = time.perf_counter() - self.started
            mark = _SPINNER[frame % len(_SPINNER)]
            self.stream.write(f"\r\x1b[K{mark} {self.number}. {self.stage}  {elapsed:.1f} s")
            self.stream.flush()
            frame += 1


def for_terminal(quiet: bool = False, stream: TextIO | None = None) -> StageLog | Spinner | None:
    """The progress display that suits `stream` (stderr by default); None when quiet."""
    if quiet:
        return None
    stream = stream or sys.stderr
    return Spinner(stream) if stream.isatty() else StageLog(stream)


@contextmanager
def shown(quiet: bool = False, stream: TextIO | None = None) -> Iterator[ProgressCallback | None]:
    """The progress callback for `build()`, erased when the block ends, before any summary or error."""
    display = for_terminal(quiet, stream)
    try:
        yield display
    finally:
        if display:
            display.close()
