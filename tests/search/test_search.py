"""The search page: what each role finds (and never finds), snippets, paging, query counts and
the full-text indexes."""

from __future__ import annotations

import itertools

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from base.search import search_query
from guidebook.choices import EditionStatus
from pilots.models import Pilot
from portal.search.selectors import KINDS
from programme.choices import Role
from roadmaps.choices import VersionStatus
from roadmaps.models import Roadmap
from tests.factories import (
    AdvisoryGroupMembershipFactory,
    ChapterFactory,
    GuidebookEditionFactory,
    MeetingFactory,
    OrganisationFactory,
    PilotFactory,
    ReviewAssignmentFactory,
    RoadmapVersionFactory,
    UserFactory,
    country,
    national_roadmap,
)
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db

WORD = "quokka"
URL = reverse("programme:search")
_serial = itertools.count(1)
ROLES = ("secretariat", "reviewer", "focal_own", "focal_other", "advisory")


@pytest.fixture
def users(ghana, kenya):
    return {
        "secretariat": UserFactory(roles=[Role.SECRETARIAT]),
        "reviewer": UserFactory(roles=[Role.REVIEWER]),
        "focal_own": UserFactory(roles=[Role.FOCAL_POINT], countries=[ghana]),
        "focal_other": UserFactory(roles=[Role.FOCAL_POINT], countries=[kenya]),
        "advisory": UserFactory(roles=[Role.ADVISORY_GROUP]),
    }


def _records(users, ghana, kenya) -> dict:
    """One record of each kind per scope, each titled with the word searched for."""
    ethiopia = country("ETH")
    if not Pilot.objects.filter(country=ethiopia).exists():
        PilotFactory(country=ethiopia)  # where its focal points are shown
    own = national_roadmap(ghana, title=f"Ghana {WORD} roadmap")
    other = national_roadmap(kenya, title=f"Kenya {WORD} roadmap")
    public = national_roadmap(ethiopia, title=f"Ethiopia {WORD} roadmap")
    submitted_own = RoadmapVersionFactory(
        roadmap=own, number=2, status=VersionStatus.SUBMITTED, change_summary=f"{WORD} submitted"
    )
    ReviewAssignmentFactory(version=submitted_own, reviewer=users["reviewer"])
    published = GuidebookEditionFactory(status=EditionStatus.PUBLISHED)
    planned = GuidebookEditionFactory(status=EditionStatus.PLANNED)
    representative = UserFactory(first_name="Ada", last_name=WORD.capitalize())
    AdvisoryGroupMembershipFactory(
        organisation=OrganisationFactory(name=f"Advisory {WORD} institute {next(_serial)}")
    ).representatives.add(representative)
    return {
        "roadmap_own": own,
        "roadmap_other": other,
        "roadmap_public": public,
        "version_draft_own": RoadmapVersionFactory(
            roadmap=own, number=1, change_summary=f"{WORD} draft of Ghana"
        ),
        "version_submitted_own": submitted_own,
        "version_draft_other": RoadmapVersionFactory(
            roadmap=other, number=1, change_summary=f"{WORD} draft of Kenya"
        ),
        "version_published": RoadmapVersionFactory(
            roadmap=public,
            number=1,
            status=VersionStatus.PUBLISHED,
            change_summary=f"{WORD} published",
        ),
        "meeting_public": MeetingFactory(title=f"Public {WORD} meeting", is_public=True),
        "meeting_private": MeetingFactory(title=f"Planning {WORD} meeting", is_public=False),
        "chapter_published": ChapterFactory(edition=published, title=f"Published {WORD}"),
        "chapter_planned": ChapterFactory(edition=planned, title=f"Planned {WORD}"),
        "org_advisory": representative.advisory_memberships.get().organisation,
        "org_plain": OrganisationFactory(name=f"Plain {WORD} foundation {next(_serial)}"),
        "person_representative": representative,
        # Ethiopia's focal point: only those who see who focal points are find them.
        "person_focal": UserFactory(
            first_name="Bo",
            last_name=f"{WORD.capitalize()}son",
            job_title=f"{WORD} officer",
            roles=[Role.FOCAL_POINT],
            countries=[ethiopia],
        ),
    }


ALL = set(ROLES)
# Who finds each record: the scope of the page it links to.
FINDS = {
    "roadmap_own": {"secretariat", "reviewer", "focal_own"},
    "roadmap_other": {"secretariat", "focal_other"},
    "roadmap_public": ALL,
    "version_draft_own": {"secretariat", "focal_own"},
    "version_submitted_own": {"secretariat", "reviewer", "focal_own"},
    "version_draft_other": {"secretariat", "focal_other"},
    "version_published": ALL,
    "meeting_public": ALL,
    "meeting_private": {"secretariat", "advisory"},
    "chapter_published": ALL,
    "chapter_planned": {"secretariat"},
    "org_advisory": ALL,
    "org_plain": {"secretariat"},
    "person_representative": ALL,
    "person_focal": {"secretariat"},
}
KIND_OF = {
    "roadmap": "roadmaps",
    "version": "versions",
    "meeting": "meetings",
    "chapter": "chapters",
    "org": "organisations",
    "person": "people",
}


def _search(user, **params):
    client = Client()
    client.force_login(user)
    return client.get(URL, {"q": WORD, **params})


@pytest.mark.parametrize("role", ROLES)
def test_each_role_finds_exactly_what_it_may_open(role, users, ghana, kenya):
    records = _records(users, ghana, kenya)
    found = {}
    for kind in {KIND_OF[key.split("_")[0]] for key in records}:
        response = _search(users[role], kind=kind)
        assert response.status_code == 200
        groups = {g["kind"].key: g for g in response.context["results"]["groups"]}
        found[kind] = (response, groups[kind]["count"], set(response.context["results"]["found"]))
    for key, obj in records.items():
        kind = KIND_OF[key.split("_")[0]]
        response, _count, shown = found[kind]
        if role in FINDS[key]:
            assert obj in shown, f"{role} should find {key}"
        else:
            assert obj not in shown, f"{role} finds {key}"
            # Neither its title nor its text reach the page.
            assert str(obj) not in response.content.decode(), f"{role} sees the name of {key}"
    # The counts are of what the role may open, nothing more.
    for kind, (_response, count, _shown) in found.items():
        expected = [k for k in records if KIND_OF[k.split("_")[0]] == kind and role in FINDS[k]]
        assert count == len(expected), f"{role}: {kind} counts {count}"


def test_a_focal_point_never_finds_another_countrys_unpublished_version(users, ghana, kenya):
    records = _records(users, ghana, kenya)
    response = _search(users["focal_other"], q=f"{WORD} Ghana")
    assert records["version_draft_own"] not in response.context["results"]["found"]
    assert response.context["results"]["total"] == 0
    assert "draft of Ghana" not in response.content.decode()


def test_every_hit_links_to_a_page_its_finder_opens(users, ghana, kenya):
    _records(users, ghana, kenya)
    for role in ROLES:
        client = Client()
        client.force_login(users[role])
        for kind in KINDS:
            response = client.get(URL, {"q": WORD, "kind": kind.key})
            for group in response.context["results"]["groups"]:
                for hit in group["hits"]:
                    assert client.get(hit.url).status_code == 200, (role, hit.title, hit.url)


def test_anonymous_visitors_are_sent_to_sign_in_and_partners_read_the_api(partner_user):
    response = Client().get(URL, {"q": WORD})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client = Client()
    client.force_login(partner_user)
    assert client.get(URL, {"q": WORD}).status_code == 403
    # The header offers no search box where the page would refuse.
    assert 'role="search"' not in client.get(reverse("programme:dashboard")).content.decode()


def test_the_header_box_is_offered_to_those_who_search(focal_point_user):
    client = Client()
    client.force_login(focal_point_user)
    html = client.get(reverse("programme:dashboard")).content.decode()
    assert f'action="{URL}"' in html and 'role="search"' in html


def test_snippets_mark_the_words_found_and_escape_the_record(secretariat_user, ghana):
    roadmap = national_roadmap(ghana, title="Ghana roadmap")
    roadmap.summary = f"R&D under 1 % <script>alert(1)</script> <b>{WORD}</b> & research."
    roadmap.save()
    response = _search(secretariat_user)
    html = response.content.decode()
    assert f"<mark>{WORD}</mark>" in html
    assert "<script>alert" not in html and "<b>" not in html
    # The record's own characters are escaped around the marks.
    assert "&amp; research" in html


def test_words_are_read_as_web_search_engines_read_them(secretariat_user, ghana, kenya):
    national_roadmap(ghana, title=f"Ghana {WORD} roadmap")
    national_roadmap(kenya, title=f"Kenya {WORD} roadmap")
    both = _search(secretariat_user, kind="roadmaps")
    assert both.context["results"]["groups"][0]["count"] == 2
    # A minus leaves a word out; a lone operator is no syntax error.
    assert _search(secretariat_user, q=f"{WORD} -kenya").context["results"]["total"] == 1
    assert _search(secretariat_user, q='"ghana quokka"').context["results"]["total"] == 1
    assert _search(secretariat_user, q="-").status_code == 200


@pytest.mark.parametrize(
    "params", [{"q": ""}, {"q": "   "}, {"q": WORD, "kind": "files"}, {"q": "x" * 201}]
)
def test_bad_searches_answer_400_with_the_form(secretariat_user, params):
    client = Client()
    client.force_login(secretariat_user)
    response = client.get(URL, params)
    assert response.status_code == 400
    assert response.context["form"].errors


def test_a_kind_pages_through_all_its_hits(secretariat_user, reference_data):
    for n in range(25):
        Roadmap.objects.create(
            kind="national", country=country("GHA"), title=f"{WORD} roadmap {n:02}"
        )
    overview = _search(secretariat_user)
    roadmaps = overview.context["results"]["groups"][0]
    assert roadmaps["count"] == 25 and len(roadmaps["hits"]) == 5
    first = _search(secretariat_user, kind="roadmaps")
    second = _search(secretariat_user, kind="roadmaps", page=2)
    assert len(first.context["results"]["found"]) == 20
    assert len(second.context["results"]["found"]) == 5
    assert not set(first.context["results"]["found"]) & set(second.context["results"]["found"])
    assert "kind=roadmaps" in second.content.decode()


def _queries(user, **params) -> int:
    client = Client()
    client.force_login(user)
    client.get(URL, {"q": WORD, **params})  # sessions and caches warmed
    with queries_counted() as queries:
        assert client.get(URL, {"q": WORD, **params}).status_code == 200
    return len(queries)


def test_query_count_stays_flat_as_records_grow(users, ghana, kenya):
    _records(users, ghana, kenya)
    before = {role: _queries(users[role]) for role in ("secretariat", "focal_own")}
    by_kind = _queries(users["secretariat"], kind="versions")
    for _again in range(3):
        _records(users, ghana, kenya)
    assert {role: _queries(users[role]) for role in before} == before
    assert _queries(users["secretariat"], kind="versions") == by_kind


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.key)
def test_each_kind_is_searched_through_its_full_text_index(kind, secretariat_user):
    queryset = (
        kind.rows(secretariat_user)
        .model.objects.annotate(search=kind.full_text.vector())
        .filter(search=search_query(WORD))
    )
    # Tables this small are cheaper to read whole, or in order along another index (a list's
    # default ordering): both are turned off, so the plan shows whether the filter CAN use the
    # full-text index, which is what this asks. A GIN index is only ever read as a bitmap.
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        plan = queryset.explain()
    model = queryset.model._meta.model_name
    assert "_full_text" in plan, f"{model}: {plan}"


def test_a_version_is_found_by_its_roadmaps_title_where_it_may_be_read(users, ghana, kenya):
    own = national_roadmap(ghana, title="Ghana national roadmap")
    draft = RoadmapVersionFactory(roadmap=own, number=1, change_summary="First draft")
    mine = _search(users["focal_own"], q="ghana", kind="versions")
    assert draft in mine.context["results"]["found"]
    theirs = _search(users["focal_other"], q="ghana", kind="versions")
    assert theirs.context["results"]["found"] == [] and theirs.context["results"]["total"] == 0
