"""Server-side SVG charts: real, well-formed pictures with a title and description."""

import xml.etree.ElementTree as ET

from roadmaps.charts import radar, trend

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ET.fromstring(str(svg))


def test_radar_is_an_accessible_image_with_a_gap_for_insufficient_information():
    svg = radar(
        [("Diagnostics", 3), ("Foresight", None), ("<Policy>", 4), ("Governance", 1)],
        title="Scores of v1",
        desc="Diagnostics 3",
    )
    root = parse(svg)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby").split()
    assert root.find(f"{SVG}title").get("id") == title_id
    assert root.find(f"{SVG}title").text == "Scores of v1"
    assert root.find(f"{SVG}desc").get("id") == desc_id
    # A label wraps onto lines (tspans): the name, then the score.
    labels = [" ".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert "Foresight (n/a)" in labels
    assert "<Policy> (4.0)" in labels  # escaped in the markup, readable once parsed
    # With a gap the outline is drawn as segments; the filled polygon needs every score.
    assert root.findall(f"{SVG}line")


def test_radar_with_comparison_draws_both_outlines():
    root = parse(radar([("a", 1), ("b", 2), ("c", 3)], title="t", compare_with=[2, 2, 2]))
    outlines = [p for p in root.findall(f"{SVG}polygon") if p.get("stroke-width") == "2"]
    assert len(outlines) == 2


def test_trend_has_a_line_per_series_and_a_legend():
    root = parse(
        trend(["v1", "v2", "v3"], [("Overall", [1, 2, None]), ("Inputs", [2, 2, 3])], title="T")
    )
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"v1", "v2", "v3", "Overall", "Inputs"} <= set(texts)
    assert root.get("role") == "img"
