"""What every benchmark script shares: one result line per scenario.

A scenario prints our figure, the baseline measured in the same run on the same data, the
ratio and the peak memory of the process. When ``BENCH_JSON`` names a file, each result is
also appended to it as one JSON line, so ``python -m bench`` can collect every script's
results into one table.
"""

from __future__ import annotations

import json
import os
import resource
import sys
from dataclasses import asdict, dataclass, field


def peak_rss_mb() -> float:
    """Peak resident memory of this process (and waited-for children), in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


@dataclass
class Result:
    """One scenario. ``higher_is_better`` says how to read the ratio: for rows/s the ratio
    is ours ÷ baseline, for times it is ours ÷ baseline too, and a target says which side
    it must be on."""

    scenario: str
    database: str
    ours: float
    unit: str
    baseline: float | None = None
    baseline_name: str = ""
    target: str = ""
    met: bool | None = None
    peak_rss_mb: float = field(default_factory=peak_rss_mb)
    notes: str = ""

    @property
    def ratio(self) -> float | None:
        if self.baseline in (None, 0):
            return None
        return self.ours / self.baseline


def report(result: Result) -> Result:
    """Print one line and, under ``BENCH_JSON``, append it as JSON."""
    ratio = f"{result.ratio:.2f}x" if result.ratio is not None else "-"
    baseline = f"{result.baseline:,.1f}" if result.baseline is not None else "-"
    verdict = {True: "met", False: "NOT MET", None: ""}[result.met]
    print(
        f"{result.database:<10} {result.scenario:<44} {result.ours:>12,.1f} {result.unit:<7}"
        f" {result.baseline_name:<32} {baseline:>12} {ratio:>8} {result.peak_rss_mb:>7.0f} MB"
        f"  {result.target} {verdict}",
        flush=True,
    )
    path = os.environ.get("BENCH_JSON")
    if path:
        row = asdict(result) | {"ratio": result.ratio}
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(row) + "\n")
    return result


def vendor() -> str:
    """The database the scripts run on, as a short name."""
    from django.db import connection

    return connection.vendor


if __name__ == "__main__":  # pragma: no cover
    sys.exit("import this module from a benchmark script")
