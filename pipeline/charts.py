"""Small inline SVG charts for the HTML report: lines, stacked bars, horizontal bars.

Hand-written SVG keeps the report self-contained and the install lean (no plotting library).
Every chart has a <title> and <desc> for screen readers; values are placed on a fixed grid.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from html import escape

PALETTE = ("#1f5f99", "#e07b39", "#3a9a6c", "#b8455c", "#7d5ba6", "#8c6d31", "#4fa3c7", "#777777")
_FONT = 'font-family="system-ui, sans-serif" font-size="11" fill="#444"'
_MARGIN_LEFT, _MARGIN_RIGHT, _MARGIN_TOP, _MARGIN_BOTTOM = 48, 12, 12, 28

Format = Callable[[float], str]


def percent(value: float) -> str:
    return f"{value:.0%}"


def count(value: float) -> str:
    return f"{value:,.0f}"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
            f'height="{height}" role="img"><title>{escape(title)}</title>' + "".join(body) + "</svg>")


def _nice_max(value: float) -> float:
    """A round axis maximum at or above `value` (1, 2, 2.5 or 5 times a power of ten)."""
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    return next(step * magnitude for step in (1, 2, 2.5, 5, 10) if value <= step * magnitude * (1 + 1e-9))


class _Plot:
    """The plotting area of a chart: a legend row on top when there are several series."""

    def __init__(self, width: int, height: int, top: float, legend: bool) -> None:
        self.width, self.height, self.top = width, height, top
        self.y0 = _MARGIN_TOP + (16 if legend else 0)
        self.plot_height = height - self.y0 - _MARGIN_BOTTOM
        self.plot_width = width - _MARGIN_LEFT - _MARGIN_RIGHT

    def y(self, value: float) -> float:
        return self.y0 + self.plot_height * (1 - value / self.top)

    def slot(self, index: int, count: int) -> tuple[float, float]:
        """Left edge and width of the index-th of `count` equal slots along x."""
        width = self.plot_width / max(count, 1)
        return _MARGIN_LEFT + width * index, width

    def y_axis(self, fmt: Format) -> list[str]:
        leading = self.top / 10 ** math.floor(math.log10(self.top))
        ticks = 4 if round(leading, 6) == 2 else 5  # round steps: 0.5 by 4, the others by 5
        out = []
        for i in range(ticks + 1):
            value = self.top * i / ticks
            y = self.y(value)
            out.append(f'<line x1="{_MARGIN_LEFT}" x2="{self.width - _MARGIN_RIGHT}" y1="{y:.1f}" '
                       f'y2="{y:.1f}" stroke="#e3e6ea"/><text x="{_MARGIN_LEFT - 6}" y="{y + 4:.1f}" '
                       f'text-anchor="end" {_FONT}>{escape(fmt(value))}</text>')
        return out

    def x_labels(self, labels: Sequence[str]) -> list[str]:
        most = max(2, int(self.plot_width // 64))
        step = max(1, -(-len(labels) // most))
        out = []
        for i, label in enumerate(labels):
            if i % step == 0:
                left, width = self.slot(i, len(labels))
                out.append(f'<text x="{left + width / 2:.1f}" y="{self.height - 8}" text-anchor="middle" '
                           f'{_FONT}>{escape(label)}</text>')
        return out


def _legend(names: Sequence[str], colors: Sequence[str], width: int) -> list[str]:
    out, x = [], _MARGIN_LEFT
    for name, color in zip(names, colors, strict=False):
        if x > width - 60:
            break
        out.append(f'<rect x="{x}" y="2" width="10" height="10" fill="{color}"/>'
                   f'<text x="{x + 14}" y="11" {_FONT}>{escape(name)}</text>')
        x += 26 + 6 * len(name)
    return out


def line_chart(series: Mapping[str, Sequence[float | None]], labels: Sequence[str], title: str, *,
               width: int = 640, height: int = 220, fmt: Format = percent, top: float | None = None,
               colors: Sequence[str] = PALETTE) -> str:
    """One line per series over the same x labels; None leaves a gap."""
    values = [v for points in series.values() for v in points if v is not None]
    plot = _Plot(width, height, top or _nice_max(max(values, default=0)), legend=len(series) > 1)
    body = plot.y_axis(fmt)
    centres = [left + w / 2 for left, w in (plot.slot(i, len(labels)) for i in range(len(labels)))]
    for (name, points), color in zip(series.items(), colors, strict=False):
        path, pen_down = [], False
        for x, value in zip(centres, points, strict=True):
            if value is None:
                pen_down = False
                continue
            path.append(f"{'L' if pen_down else 'M'}{x:.1f},{plot.y(value):.1f}")
            pen_down = True
        body.append(f'<path d="{" ".join(path)}" fill="none" stroke="{color}" stroke-width="2.2" '
                    f'stroke-linejoin="round"><title>{escape(name)}</title></path>')
        if len(labels) <= 60:
            body += [f'<circle cx="{x:.1f}" cy="{plot.y(v):.1f}" r="2.6" fill="{color}"><title>'
                     f'{escape(name)}, {escape(label)}: {escape(fmt(v))}</title></circle>'
                     for x, v, label in zip(centres, points, labels, strict=True) if v is not None]
    if len(series) > 1:
        body += _legend(list(series), colors, width)
    return _svg(width, height, title, body + plot.x_labels(labels))


def stacked_bars(stacks: Mapping[str, Sequence[float]], labels: Sequence[str], title: str, *,
                 width: int = 640, height: int = 220, fmt: Format = count, normalise: bool = False,
                 colors: Sequence[str] = PALETTE) -> str:
    """Bars per x label, each stacked from the series in order; `normalise` makes each bar 100%."""
    totals = [sum(values) for values in zip(*stacks.values(), strict=True)]
    plot = _Plot(width, height, 1.0 if normalise else _nice_max(max(totals, default=0)), legend=True)
    body = plot.y_axis(percent if normalise else fmt)
    for i, label in enumerate(labels):
        left, slot = plot.slot(i, len(labels))
        base = 0.0
        for (name, values), color in zip(stacks.items(), colors, strict=False):
            value = values[i] / totals[i] if normalise and totals[i] else values[i]
            shown = f"{value:.1%} ({fmt(values[i])})" if normalise else fmt(values[i])
            body.append(f'<rect x="{left + slot * 0.12:.1f}" y="{plot.y(base + value):.1f}" '
                        f'width="{slot * 0.76:.1f}" height="{plot.plot_height * value / plot.top:.1f}" '
                        f'fill="{color}"><title>{escape(label)}, {escape(name)}: {escape(shown)}</title></rect>')
            base += value
    body += _legend(list(stacks), colors, width)
    return _svg(width, height, title, body + plot.x_labels(labels))


def horizontal_bars(items: Sequence[tuple[str, float]], title: str, *, width: int = 640,
                    fmt: Format = count, color: str = PALETTE[0]) -> str:
    """One labelled bar per item, longest first as given."""
    row, label_width = 22, 170
    height = row * len(items) + 8
    top = max((value for _, value in items), default=0) or 1
    body = []
    for i, (label, value) in enumerate(items):
        y = 4 + row * i
        length = (width - label_width - 60) * value / top
        body.append(f'<text x="{label_width - 8}" y="{y + 14}" text-anchor="end" {_FONT}>{escape(label)}</text>'
                    f'<rect x="{label_width}" y="{y + 3}" width="{length:.1f}" height="{row - 8}" '
                    f'fill="{color}"><title>{escape(label)}: {escape(fmt(value))}</title></rect>'
                    f'<text x="{label_width + length + 6:.1f}" y="{y + 14}" {_FONT}>{escape(fmt(value))}</text>')
    return _svg(width, height, title, body)
