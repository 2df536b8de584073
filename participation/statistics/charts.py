"""Server-rendered SVG charts of a series: geometry only, the template draws it.

No script and no inline style (the CSP forbids both): sizes and colours are
SVG attributes. Each chart is decorative next to its data table (aria-hidden),
which carries the same figures for screen readers and for reading without CSS.
"""

from dataclasses import dataclass

WIDTH = 600
HEIGHT = 180
BAR_HEIGHT = 18
BAR_GAP = 6
BARS_WIDTH = 300  # narrower drawing: at 360 px each bar is about 20 px high


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


def _scale(values):
    top = max(values, default=0)
    return top or 1


def column_chart(series):
    """Vertical bars, one per day, of the series' last column (its total)."""
    values = [row[2][-1] for row in series.rows]
    if not values:
        return None
    top = _scale(values)
    step = WIDTH / len(values)
    width = max(step * 0.8, 0.5)
    bars = []
    for i, (_key, label, vals) in enumerate(series.rows):
        h = vals[-1] / top * (HEIGHT - 20)
        bars.append(
            Bar(
                round(i * step + (step - width) / 2, 2),
                round(HEIGHT - h, 2),
                round(width, 2),
                round(h, 2),
                label,
                vals[-1],
            )
        )
    return {
        "kind": "columns",
        "width": WIDTH,
        "height": HEIGHT,
        "bars": bars,
        "top": top,
        "first": series.rows[0][1],
        "last": series.rows[-1][1],
    }


def bar_chart(series):
    """Horizontal bars, one per category shown."""
    rows = series.shown_rows
    values = [row[2][-1] for row in rows]
    if not values or not any(values):
        return None
    top = _scale(values)
    bars = []
    for i, (_key, label, vals) in enumerate(rows):
        bars.append(
            Bar(
                0,
                i * (BAR_HEIGHT + BAR_GAP),
                round(vals[-1] / top * BARS_WIDTH, 2),
                BAR_HEIGHT,
                label,
                vals[-1],
            )
        )
    return {
        "kind": "bars",
        "width": BARS_WIDTH,
        "height": len(rows) * (BAR_HEIGHT + BAR_GAP),
        "bars": bars,
        "top": top,
    }


def chart_for(series):
    return column_chart(series) if series.daily else bar_chart(series)
