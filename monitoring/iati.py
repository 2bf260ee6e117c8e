"""A roadmap's results in the shape partners exchange: IATI activity `result` elements
(result -> indicator -> baseline -> period -> target -> actual), as JSON with IATI's element
and attribute names, or as XML.

Codes: result type 2 (outcome) for each objective; indicator measure 2 (percentage) when the
unit is a percentage, else 1 (unit); `ascending` from the indicator's direction; an SDG
indicator as `reference` with vocabulary 9 (IATI IndicatorVocabulary: UN Sustainable
Development Goals Indicators). Actuals are those of approved updates the caller may read."""

from __future__ import annotations

from xml.etree import ElementTree as ET

from monitoring.choices import Direction
from monitoring.selectors import framework_current, period_list, roadmap_results
from roadmaps.models import Roadmap

RESULT_TYPE_OUTCOME = "2"
MEASURE_UNIT, MEASURE_PERCENTAGE = "1", "2"
INDICATOR_VOCABULARY_SDG = "9"


def _narrative(text: str) -> dict:
    return {"narrative": [{"text": text, "xml:lang": "en"}]}


def _value(value) -> str:
    return format(value.normalize(), "f")


def iati_results(*, user, roadmap: Roadmap) -> dict:
    """The roadmap's results framework and approved actuals as an IATI-style document."""
    framework = framework_current(user=user, roadmap=roadmap)
    results = {
        r.indicator.pk: r for r in roadmap_results(user=user, roadmap=roadmap, framework=framework)
    }
    periods = list(period_list(user=user).filter(roadmap=roadmap).order_by("starts_on"))
    document = {
        "iati-activity": {
            "title": _narrative(roadmap.title),
            "recipient-country": {"code": roadmap.country.iso2 if roadmap.country else None},
            "result": [],
        }
    }
    if framework is None:
        return document
    for objective in framework.objectives.all():
        indicators = []
        for action in objective.actions.all():
            for indicator in action.indicators.all():
                result = results[indicator.pk]
                element = {
                    "measure": MEASURE_PERCENTAGE if "%" in indicator.unit else MEASURE_UNIT,
                    "ascending": "1" if indicator.direction == Direction.INCREASE else "0",
                    "title": _narrative(indicator.title),
                    "description": _narrative(
                        " ".join(
                            part for part in (indicator.definition, f"[{indicator.unit}]") if part
                        )
                    ),
                    "reference": [],
                    "baseline": {
                        "year": str(indicator.baseline_year),
                        "value": _value(indicator.baseline_value),
                        "comment": _narrative(indicator.baseline_source)
                        if indicator.baseline_source
                        else None,
                    },
                    "period": [],
                }
                if indicator.sdg_indicator:
                    element["reference"].append(
                        {
                            "vocabulary": INDICATOR_VOCABULARY_SDG,
                            "code": indicator.sdg_indicator.code,
                        }
                    )
                for period in periods:
                    target = result.targets.get(period.year)
                    actual = result.actuals.get(period.year)
                    element["period"].append(
                        {
                            "period-start": {"iso-date": period.starts_on.isoformat()},
                            "period-end": {"iso-date": period.ends_on.isoformat()},
                            "target": {"value": _value(target)} if target is not None else None,
                            "actual": {"value": _value(actual)} if actual is not None else None,
                        }
                    )
                indicators.append(element)
        document["iati-activity"]["result"].append(
            {
                "type": RESULT_TYPE_OUTCOME,
                "title": _narrative(objective.title),
                "description": _narrative(objective.description) if objective.description else None,
                "indicator": indicators,
            }
        )
    return document


ATTRIBUTES = {
    "measure",
    "ascending",
    "type",
    "vocabulary",
    "code",
    "year",
    "value",
    "iso-date",
    "xml:lang",
}


def _xml(parent: ET.Element, name: str, value) -> None:
    if value is None:
        return
    if isinstance(value, list):
        for item in value:
            _xml(parent, name, item)
        return
    element = ET.SubElement(parent, name)
    if isinstance(value, dict):
        for key, inner in value.items():
            if inner is None:
                continue
            if key in ATTRIBUTES and not isinstance(inner, (dict, list)):
                attribute = (
                    "{http://www.w3.org/XML/1998/namespace}lang" if key == "xml:lang" else key
                )
                element.set(attribute, str(inner))
            elif key == "text":
                element.text = str(inner)
            else:
                _xml(element, key, inner)
    else:
        element.text = str(value)


def iati_results_xml(document: dict) -> bytes:
    """The same document as IATI XML (an `iati-activities` root holding one activity)."""
    root = ET.Element("iati-activities", {"version": "2.03"})
    _xml(root, "iati-activity", document["iati-activity"])
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)
