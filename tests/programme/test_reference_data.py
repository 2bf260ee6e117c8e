import pytest
from django.core.management import call_command

from pilots.models import Country, Region
from roadmaps.models import Criterion, CriterionGroup, Goal, LevelDescriptor, Rubric, Target

pytestmark = pytest.mark.django_db


def _counts():
    return {
        "countries": Country.objects.count(),
        "members": Country.objects.filter(un_status="member").count(),
        "observers": Country.objects.filter(un_status="observer").count(),
        "regions": Region.objects.count(),
        "goals": Goal.objects.count(),
        "targets": Target.objects.count(),
        "rubrics": Rubric.objects.count(),
        "groups": CriterionGroup.objects.count(),
        "criteria": Criterion.objects.count(),
        "levels": LevelDescriptor.objects.count(),
    }


def test_reference_data_loads_every_state_goal_target_and_criterion(reference_data):
    counts = _counts()
    assert counts["countries"] == 195
    assert counts["members"] == 193
    assert counts["observers"] == 2
    assert counts["goals"] == 17
    assert counts["targets"] == 169
    # Two rubric versions (v1 as published, v2), each three groups, ten criteria, 50 levels.
    assert counts["rubrics"] == 2
    assert counts["groups"] == 6
    assert counts["criteria"] == 20
    assert counts["levels"] == 100


def test_countries_carry_iso_codes_and_m49_regions(reference_data):
    ghana = Country.objects.select_related("region", "sub_region", "intermediate_region").get(
        iso2="GH"
    )
    assert (ghana.iso3, ghana.m49) == ("GHA", "288")
    assert ghana.region.name == "Africa"
    assert ghana.sub_region.name == "Sub-Saharan Africa"
    assert ghana.intermediate_region.name == "Western Africa"
    assert ghana.sub_region.parent == ghana.region
    assert ghana.intermediate_region.parent == ghana.sub_region
    serbia = Country.objects.get(iso3="SRB")
    assert serbia.intermediate_region is None
    assert Country.objects.get(name="State of Palestine").un_status == "observer"
    assert Country.objects.get(name="Holy See").un_status == "observer"


def test_countries_carry_un_names_and_their_french_and_spanish(reference_data):
    from django.utils import translation

    names = dict(Country.objects.values_list("iso3", "name"))
    assert names["PRK"] == "Democratic People's Republic of Korea"
    assert names["KOR"] == "Republic of Korea"
    assert names["RUS"] == "Russian Federation"
    assert names["VNM"] == "Viet Nam"
    assert names["IRN"] == "Iran (Islamic Republic of)"
    assert names["BOL"] == "Bolivia (Plurinational State of)"
    assert names["TZA"] == "United Republic of Tanzania"
    assert names["MDA"] == "Republic of Moldova"
    assert names["GBR"] == "United Kingdom of Great Britain and Northern Ireland"
    assert names["USA"] == "United States of America"
    korea = Country.objects.select_related("region").get(iso3="KOR")
    assert str(korea) == "Republic of Korea"
    with translation.override("fr"):
        assert (str(korea), str(korea.region)) == ("République de Corée", "Asie")
    with translation.override("es"):
        assert (str(korea), str(korea.region)) == ("República de Corea", "Asia")
    # Every state and region has both languages.
    for model in (Country, Region):
        assert all(set(r.translations) == {"fr", "es"} for r in model.objects.all()), model


def test_sdg_targets_keep_official_codes_and_order(reference_data):
    goal9 = Goal.objects.get(number=9)
    assert goal9.short_title == "Industry, innovation and infrastructure"
    codes = list(goal9.targets.values_list("code", flat=True))
    assert codes == ["9.1", "9.2", "9.3", "9.4", "9.5", "9.a", "9.b", "9.c"]
    assert Target.objects.filter(goal__number=17).count() == 19


def test_rubric_has_ten_criteria_in_three_groups_with_five_levels(reference_data):
    rubric = Rubric.objects.get(version=1)
    assert rubric.is_published
    by_group = {
        g.code: list(g.criteria.values_list("number", flat=True))
        for g in rubric.groups.order_by("order")
    }
    assert by_group == {"inputs": [1, 2, 3], "outputs": [4, 5, 6], "process": [7, 8, 9, 10]}
    for criterion in rubric.criteria.all():
        assert sorted(criterion.levels.values_list("score", flat=True)) == [0, 1, 2, 3, 4]
        assert criterion.description


def test_loading_reference_data_twice_changes_nothing(reference_data):
    before = _counts()
    snapshot = list(Country.objects.order_by("pk").values())
    targets = list(Target.objects.order_by("pk").values())
    call_command("load_reference_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _counts() == before
    assert list(Country.objects.order_by("pk").values()) == snapshot
    assert list(Target.objects.order_by("pk").values()) == targets


def test_reference_load_repairs_a_changed_row(reference_data):
    Country.objects.filter(iso3="GHA").update(name="Gold Coast")
    call_command("load_reference_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Country.objects.get(iso3="GHA").name == "Ghana"


def test_a_published_rubric_version_is_never_rewritten(reference_data):
    criterion = Criterion.objects.get(rubric__version=1, number=1)
    criterion.name = "Edited by hand"
    criterion.save()
    call_command("load_reference_data", stdout=open("/dev/null", "w"))  # noqa: SIM115
    criterion.refresh_from_db()
    assert criterion.name == "Edited by hand"
    assert Rubric.objects.count() == 2
