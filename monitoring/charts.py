"""An indicator's baseline, targets and actuals as a server-drawn SVG line chart.

Like roadmaps/charts.py: an image with a <title> and <desc>, always beside a table of the same
numbers; a year without a value is a gap, never zero. The picture scales to its box (viewBox),
so it reads at 390 px as at 1280 px.
"""

from __future__ import annotations

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

# A narrow picture with large type: on a 390 px phone it is drawn about 330 px wide, where
# 12-unit text still reads at about 10 px; on wide screens app.css caps its width.
WIDTH, HEIGHT = 400, 230
LEFT, RIGHT, TOP, BOTTOM = 50, 14, 14, 50
FONT = 12
TARGET_COLOUR, ACTUAL_COLOUR = "#0b3d91", "#d55e00"  # Okabe-Ito, distinguishable
_counter = iter(range(1, 10**9))


def plain(value: Decimal | None) -> Decimal | None:
    """A stored value without the trailing zeros of its four decimal places (12.5, not
    12.5000; 20, not 2E+1)."""
    if value is None:
        return None
    return value.quantize(Decimal(1)) if value == value.to_integral() else value.normalize()


def _f(value: float) -> str:
    return f"{value:.1f}"


def indicator_chart(
    *,
    title: str,
    unit: str,
    baseline_year: int,
    baseline_value: Decimal,
    targets: dict[int, Decimal],
    actuals: dict[int, Decimal],
) -> SafeString:
    """Targets (dashed, from the baseline) and actuals (solid, from the baseline) by year."""
    years = sorted({baseline_year, *targets, *actuals})
    values = [baseline_value, *targets.values(), *actuals.values()]
    low, high = float(min(values)), float(max(values))
    if low == high:
        low, high = low - 1, high + 1
    low = min(low, 0.0) if low >= 0 else low
    span_x = max(years[-1] - years[0], 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(year: int) -> float:
        return LEFT + (year - years[0]) / span_x * plot_w

    def y(value: Decimal | float) -> float:
        return TOP + plot_h - (float(value) - low) / (high - low) * plot_h

    chart_id = f"indicator-chart-{next(_counter)}"
    desc = gettext(
        "Baseline %(baseline)s %(unit)s in %(year)s; %(targets)s targets and %(actuals)s "
        "reported values. The table beside the chart gives every value."
    ) % {
        "baseline": number_format(plain(baseline_value)),
        "unit": unit,
        "year": baseline_year,
        "targets": len(targets),
        "actuals": len(actuals),
    }
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="chart indicator-chart" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>'
    ]
    # Axes and four gridlines with their values.
    for i in range(5):
        value = low + (high - low) * i / 4
        gy = y(value)
        parts.append(
            f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_f(gy)}" y2="{_f(gy)}" '
            f'stroke="#ddd" stroke-width="1"/>'
            f'<text x="{LEFT - 10}" y="{_f(gy + 4)}" text-anchor="end" font-size="{FONT}" '
            f'fill="#333">{escape(number_format(round(value, 2), decimal_pos=None))}</text>'
        )
    step = max(1, len(years) // 6)
    for year in years[::step]:
        parts.append(
            f'<text x="{_f(x(year))}" y="{HEIGHT - BOTTOM + 16}" text-anchor="middle" '
            f'font-size="{FONT}" fill="#333">{year}</text>'
        )

    def series(points: dict[int, Decimal], colour: str, dash: str, marker: str) -> None:
        if not points:
            return
        ordered = sorted({baseline_year: baseline_value, **points}.items())
        path = " ".join(f"{_f(x(yr))},{_f(y(v))}" for yr, v in ordered)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"{dash_attr}/>'
        )
        for yr, v in ordered[1:]:
            cx, cy = x(yr), y(v)
            if marker == "square":
                parts.append(
                    f'<rect x="{_f(cx - 4)}" y="{_f(cy - 4)}" width="8" height="8" '
                    f'fill="{colour}"/>'
                )
            else:
                parts.append(f'<circle cx="{_f(cx)}" cy="{_f(cy)}" r="4" fill="{colour}"/>')

    series(targets, TARGET_COLOUR, "6 3", "square")
    series(actuals, ACTUAL_COLOUR, "", "circle")
    parts.append(
        f'<circle cx="{_f(x(baseline_year))}" cy="{_f(y(baseline_value))}" r="5" '
        f'fill="#fff" stroke="#333" stroke-width="2"/>'
    )
    # The legend, below the axis: line style and marker, never colour alone.
    ly = HEIGHT - 12
    legend = [
        ("#333", "", gettext("Baseline")),
        (TARGET_COLOUR, "6 3", gettext("Target")),
        (ACTUAL_COLOUR, "", gettext("Actual")),
    ]
    lx = LEFT
    for colour, dash, label in legend:
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        parts.append(
            f'<line x1="{lx}" x2="{lx + 22}" y1="{ly - 4}" y2="{ly - 4}" stroke="{colour}" '
            f'stroke-width="2"{dash_attr}/>'
            f'<text x="{lx + 28}" y="{ly}" font-size="{FONT}" fill="#333">{escape(label)}</text>'
        )
        lx += 38 + 7 * len(label)
    parts.append("</svg>")
    # Every text above is escaped.
    return mark_safe("".join(parts))
