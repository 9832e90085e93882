"""A progress bar for management commands that take more than a few seconds.

    with console_progress(self, label="anonymise") as bar:
        bar.update(done, total)          # code that knows its numbers
        bar.log("people 3,000 of 9,000")  # code that reports in lines: "N of M" moves the bar

The bar is drawn on the command's stderr, one line redrawn in place, only when that is a
terminal and the verbosity is at least 1: under cron, in a scheduled job (whose output
is kept), piped into a file or with ``-v 0`` it draws nothing, so logs never fill with
carriage returns. Lines given to ``log`` are still written, above the bar, when
``verbose`` says so.
"""

from __future__ import annotations

import re
import sys
import time
from contextlib import contextmanager

WIDTH = 28
#: "3,000 of 9,000" in a progress line: the bar's done and total.
N_OF_M = re.compile(r"(\d[\d,.]*) of (\d[\d,.]*)")


def _number(text: str) -> int:
    return int(re.sub(r"[,.]", "", text))


class ConsoleProgress:
    def __init__(self, stream, *, label: str = "", enabled: bool = True, verbose: bool = False):
        self.stream = stream
        self.label = label
        self.enabled = enabled
        self.verbose = verbose
        self.done = 0
        self.total = 0
        self.text = ""
        self.started = time.monotonic()
        self._drawn_at = 0.0
        self._width = 0

    def update(self, done: int, total: int | None = None, text: str = "") -> None:
        self.done = done
        if total is not None:
            self.total = total
        if text:
            self.text = text
        self._draw()

    def advance(self, count: int = 1) -> None:
        self.update(self.done + count)

    def log(self, message: str) -> None:
        """A progress line: written when ``verbose``; its "N of M" moves the bar."""
        if self.verbose:
            self._clear()
            self.stream.write(message + "\n")
            self.stream.flush()
        found = N_OF_M.search(message)
        if found:
            self.done, self.total = _number(found.group(1)), _number(found.group(2))
        self.text = message.strip()
        self._draw(force=True)

    def close(self) -> None:
        if self.enabled and self._width:
            self._draw(force=True)
            self.stream.write("\n")
            self.stream.flush()
            self._width = 0

    # ------------------------------------------------------------------ drawing
    def line(self) -> str:
        elapsed = time.monotonic() - self.started
        if self.total:
            share = min(1.0, self.done / self.total)
            filled = int(share * WIDTH)
            bar = "#" * filled + "-" * (WIDTH - filled)
            counts = f"{share:4.0%} {self.done:,}/{self.total:,}"
        else:
            spin = "|/-\\"[int(elapsed * 4) % 4]
            bar, counts = spin.ljust(WIDTH), f"{self.done:,}" if self.done else ""
        head = f"{self.label} " if self.label else ""
        text = f"  {self.text}" if self.text and not N_OF_M.search(self.text) else ""
        return f"{head}[{bar}] {counts} {elapsed:5.0f} s{text}"[:150]

    def _draw(self, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and now - self._drawn_at < 0.1 and self.done != self.total:
            return
        self._drawn_at = now
        text = self.line()
        self.stream.write("\r" + text.ljust(self._width))
        self.stream.flush()
        self._width = len(text)

    def _clear(self) -> None:
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self._width = 0


def is_terminal(stream) -> bool:
    stream = getattr(stream, "_out", stream)  # a command's OutputWrapper
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@contextmanager
def console_progress(command=None, *, label: str = "", stream=None, verbosity=None,
                     verbose: bool = False):  # fmt: skip
    """A bar on ``command``'s stderr (or ``stream``), drawn only on a terminal and at
    verbosity 1 or more (``-v 0`` is quiet)."""
    if stream is None:
        stream = command.stderr if command is not None else sys.stderr
    if verbosity is None:
        verbosity = getattr(command, "verbosity", 1)
    bar = ConsoleProgress(
        stream, label=label, enabled=verbosity >= 1 and is_terminal(stream), verbose=verbose
    )
    try:
        yield bar
    finally:
        bar.close()
