"""The SDG global indicators as reference data: loaded with the targets, in three languages."""

import pytest
from django.conf import settings
from django.utils import translation

from base.i18n import localised
from monitoring.models import SdgIndicator
from monitoring.services import reference_sdg_indicators_load

pytestmark = pytest.mark.django_db
DATA = settings.BASE_DIR / "data" / "sdg_indicators.json"


def test_every_indicator_is_loaded_under_its_target(reference_data):
    assert SdgIndicator.objects.count() == 252
    indicator = SdgIndicator.objects.select_related("target").get(code="9.5.1")
    assert indicator.target.code == "9.5"
    assert indicator.title.startswith("Research and development expenditure")
    # Repeated indicators stay under each of their codes.
    assert {"1.5.1", "11.5.1", "13.1.1"} <= set(SdgIndicator.objects.values_list("code", flat=True))


def test_titles_follow_the_active_language(reference_data):
    indicator = SdgIndicator.objects.get(code="9.5.1")
    with translation.override("fr"):
        assert localised(indicator, "title").startswith("Dépenses de recherche")
    with translation.override("es"):
        assert localised(indicator, "title").startswith("Gastos en investigación")
    with translation.override("en"):
        assert localised(indicator, "title") == indicator.title


def test_loading_twice_changes_nothing(reference_data):
    assert reference_sdg_indicators_load(path=DATA) == (0, 0)


def test_a_changed_title_is_restored(reference_data):
    SdgIndicator.objects.filter(code="9.5.1").update(title="Edited", translations={})
    assert reference_sdg_indicators_load(path=DATA) == (0, 1)
    assert SdgIndicator.objects.get(code="9.5.1").translations["fr"]["title"].startswith("Dép")
