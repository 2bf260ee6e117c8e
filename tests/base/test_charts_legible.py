"""The charts stay legible on a 390 px phone and at 1280 px: no label cut short, no year
clipped at the edge, no run of empty years, type of at least 12 px where it is shown."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

from base.charts import NARROW, WIDE, TimelineItem, timeline
from roadmaps.charts import radar, trend

SVG = "{http://www.w3.org/2000/svg}"
TODAY = dt.date(2026, 12, 7)
LONG = "Review of Ghana STI for SDGs roadmap v2, second round with the advisory group"
ITEMS = [
    TimelineItem("1st Expert Group Meeting on STI for SDGs roadmaps", dt.date(2018, 3, 26),
                 dt.date(2018, 3, 27), is_meeting=True),
    TimelineItem(LONG, dt.date(2020, 3, 31), dt.date(2020, 3, 31), is_done=True),
    TimelineItem("Progress update", dt.date(2027, 3, 31), dt.date(2027, 3, 31)),
]  # fmt: skip


def _svgs(markup: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg.*?</svg>", str(markup), re.S)]


def _texts(root) -> list[tuple[str, float, float, str]]:
    """(text, x, font size, anchor) of every line of text, tspans included."""
    found = []
    for text in root.iter(f"{SVG}text"):
        size = float(text.get("font-size"))
        anchor = text.get("text-anchor", "start")
        spans = text.findall(f"{SVG}tspan") or [text]
        for span in spans:
            found.append((span.text or "", float(span.get("x", text.get("x", 0))), size, anchor))
    return found


def _width(root) -> float:
    return float(root.get("viewBox").split()[2])


def test_the_timeline_comes_for_wide_screens_and_for_phones():
    wide, narrow = _svgs(timeline(ITEMS, today=TODAY, title="T", desc="D"))
    assert "chart-wide" in wide.get("class") and "chart-narrow" in narrow.get("class")
    assert _width(wide) == WIDE["width"] and _width(narrow) == NARROW["width"]


def test_timeline_labels_are_whole_however_long():
    for root in _svgs(timeline(ITEMS, today=TODAY, title="T")):
        lines = " ".join(t for t, *_ in _texts(root))
        assert "…" not in lines
        row_labels = [" ".join(t.itertext()).split("  ")[0] for t in root.iter(f"{SVG}text")]
        joined = " ".join(row_labels)
        assert all(word in joined for word in LONG.split())


def test_every_year_shown_is_labelled_inside_the_chart_and_empty_years_fold():
    for root in _svgs(timeline(ITEMS, today=TODAY, title="T")):
        width = _width(root)
        years = [(t, x) for t, x, _s, _a in _texts(root) if re.fullmatch(r"\d{4}", t)]
        labels = [t for t, _x in years]
        assert labels == ["2018", "2020", "2026", "2027"]
        # Centred labels, four digits wide at most 10 units a digit: all inside the picture.
        assert all(20 < x < width - 20 for _t, x in years)
        # The quiet years are folded breaks, named in their tooltips.
        titles = [t.text for t in root.iter(f"{SVG}title")]
        assert "No dates in 2019" in titles and "No dates in 2021\u20132025" in titles


def test_timeline_type_is_at_least_12_px_where_it_is_shown():
    wide, narrow = _svgs(timeline(ITEMS, today=TODAY, title="T"))
    # The wide chart is shown at 760-1100 px for its 960 units; the narrow one at a phone's
    # 366 px (390 minus the page's margins) for its 360 units.
    assert min(s for *_r, s, _a in _texts(wide)) * 760 / WIDE["width"] >= 9.5
    assert min(s for *_r, s, _a in _texts(narrow)) * 366 / NARROW["width"] >= 12


def test_radar_and_trend_type_is_at_least_12_px_on_a_phone():
    criteria = [(f"Criterion number {n}", n % 5) for n in range(10)]
    root = _svgs(radar(criteria, title="R"))[0]
    scale = min(366, 500) / _width(root)  # CSS: radar at most 500 px wide
    spoke_labels = [s for t, _x, s, _a in _texts(root) if not re.fullmatch(r"\d", t)]
    assert min(spoke_labels) * scale >= 12
    root = _svgs(trend(["v1", "v2"], [("Overall", [1, 2]), ("Inputs", [2, 3])], title="T"))[0]
    scale = 366 / _width(root)
    assert min(s for *_r, s, _a in _texts(root)) * scale >= 12


def test_radar_labels_stay_inside_the_picture():
    criteria = [("National strategies", 2), ("Leave no one behind", 1), ("Policy mix", 3)] * 3
    root = _svgs(radar(criteria, title="R"))[0]
    width = _width(root)
    for text, x, size, anchor in _texts(root):
        span = len(text) * size * 0.6
        left = x - span if anchor == "end" else (x - span / 2 if anchor == "middle" else x)
        assert left >= 0 and left + span <= width, text
