"""Charts as inline SVG drawn on the server: no JavaScript, no CDN, crisp on paper.

Two shapes cover the reports: horizontal grouped bars (demand against supply per vocation,
outcome rates per programme, the funnel) and vertical bars over time (placements per
month). Every bar carries its value as text, so a printed page needs no colour to read.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reports import formatting

PALETTE = ["#0b5d8c", "#e0a100", "#1f7a3a", "#b3261e", "#6b4fa0"]
PATTERNS = ["", "url(#hatch)"]


@dataclass
class Series:
    label: str
    values: Sequence[float | int | None]


@dataclass
class Chart:
    title: str
    categories: Sequence[str]
    series: list[Series]
    kind: str = "hbar"  # "hbar" | "vbar"
    fmt: Callable[[object], str] = formatting.integer
    max_value: float | None = None  # e.g. 1.0 for rates
    testid: str = "chart"
    extra: dict = field(default_factory=dict)


def render(chart: Chart) -> SafeString:
    if not chart.categories or not chart.series:
        return mark_safe("")
    if chart.kind == "vbar":
        return _vbar(chart)
    return _hbar(chart)


def _peak(chart: Chart) -> float:
    values = [v for s in chart.series for v in s.values if v is not None]
    peak = chart.max_value or max(values, default=0)
    return peak if peak > 0 else 1


def _legend(chart: Chart, x: int, y: int) -> str:
    parts = []
    for i, s in enumerate(chart.series):
        colour = PALETTE[i % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{x + 14}" y="{y}" class="legend">{escape(s.label)}</text>'
        )
        x += 24 + 7 * len(s.label)
    return "".join(parts)


def _hbar(chart: Chart) -> SafeString:
    label_w, bar_w, value_w = 230, 420, 90
    bar_h, gap = 14, 10
    n_series = len(chart.series)
    group_h = n_series * bar_h + gap
    top = 44
    height = top + group_h * len(chart.categories) + 10
    width = label_w + bar_w + value_w
    peak = _peak(chart)
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'data-testid="{escape(chart.testid)}" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-label="{escape(chart.title)}">',
        f"<title>{escape(chart.title)}</title>",
        f'<text x="0" y="16" class="chart-title">{escape(chart.title)}</text>',
        _legend(chart, 0, 36),
    ]
    for row, category in enumerate(chart.categories):
        y0 = top + row * group_h
        text = category if len(category) <= 34 else category[:33] + "…"
        out.append(
            f'<text x="{label_w - 8}" y="{y0 + n_series * bar_h / 2 + 4}" '
            f'text-anchor="end" class="cat">{escape(text)}</text>'
        )
        for i, s in enumerate(chart.series):
            value = s.values[row]
            length = 0 if value is None else max(0.0, float(value)) / peak * bar_w
            y = y0 + i * bar_h
            colour = PALETTE[i % len(PALETTE)]
            out.append(
                f'<rect x="{label_w}" y="{y}" width="{length:.1f}" height="{bar_h - 2}" '
                f'fill="{colour}"><title>{escape(s.label)}: {escape(chart.fmt(value))}</title>'
                "</rect>"
                f'<text x="{label_w + length + 4:.1f}" y="{y + bar_h - 4}" class="val">'
                f"{escape(chart.fmt(value))}</text>"
            )
    out.append("</svg>")
    return mark_safe("".join(out))  # every piece of text above is escaped


def _vbar(chart: Chart) -> SafeString:
    left, plot_h, top = 50, 200, 44
    n = len(chart.categories)
    n_series = len(chart.series)
    slot = max(28, min(60, 720 // max(n, 1)))
    bar_w = (slot - 8) / n_series
    width = left + slot * n + 10
    height = top + plot_h + 48
    peak = _peak(chart)
    base = top + plot_h
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'data-testid="{escape(chart.testid)}" viewBox="0 0 {width} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" aria-label="{escape(chart.title)}">',
        f"<title>{escape(chart.title)}</title>",
        f'<text x="0" y="16" class="chart-title">{escape(chart.title)}</text>',
        _legend(chart, 0, 36),
        f'<line x1="{left}" y1="{base}" x2="{width}" y2="{base}" class="axis"/>',
    ]
    for col, category in enumerate(chart.categories):
        x0 = left + col * slot + 4
        for i, s in enumerate(chart.series):
            value = s.values[col]
            h = 0 if value is None else max(0.0, float(value)) / peak * plot_h
            x = x0 + i * bar_w
            colour = PALETTE[i % len(PALETTE)]
            out.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" '
                f'fill="{colour}"><title>{escape(category)} · {escape(s.label)}: '
                f"{escape(chart.fmt(value))}</title></rect>"
                f'<text x="{x + bar_w / 2:.1f}" y="{base - h - 3:.1f}" text-anchor="middle" '
                f'class="val">{escape(chart.fmt(value))}</text>'
            )
        out.append(
            f'<text x="{x0 + (slot - 8) / 2:.1f}" y="{base + 14}" text-anchor="end" '
            f'transform="rotate(-40 {x0 + (slot - 8) / 2:.1f} {base + 14})" class="cat">'
            f"{escape(category)}</text>"
        )
    out.append("</svg>")
    return mark_safe("".join(out))  # every piece of text above is escaped
