"""The search results are kept per reader, words and language until a write to the records or
to what decides who may open them: never served to another reader, never stale after a write."""

from __future__ import annotations

import pytest
from django.test import Client

from programme.choices import Role
from roadmaps.choices import VersionStatus
from tests.factories import RoadmapVersionFactory, UserFactory, national_roadmap
from tests.programme.test_cache_language import settle
from tests.querycount import queries_counted
from tests.search.test_search import URL, WORD

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_search_kept_for_one_reader_is_never_served_to_another(ghana, kenya):
    own = national_roadmap(ghana, title=f"Ghana {WORD} roadmap")
    RoadmapVersionFactory(roadmap=own, number=1, change_summary=f"{WORD} draft of Ghana")
    ghana_focal = _client(UserFactory(roles=[Role.FOCAL_POINT], countries=[ghana]))
    kenya_focal = _client(UserFactory(roles=[Role.FOCAL_POINT], countries=[kenya]))
    settle()
    first = ghana_focal.get(URL, {"q": WORD})
    assert f"{WORD} draft of Ghana" in first.content.decode().replace("<mark>", "").replace(
        "</mark>", ""
    )
    # Kept: the same search again reads no record.
    with queries_counted() as queries:
        again = ghana_focal.get(URL, {"q": WORD})
    main = lambda response: response.content.decode().split('id="main"')[1]  # noqa: E731
    assert main(again) == main(first)
    assert not [q for q in queries.sql if "roadmaps_roadmapversion" in q]
    other = kenya_focal.get(URL, {"q": WORD})
    assert other.status_code == 200
    assert "draft of Ghana" not in other.content.decode()
    assert "Ghana" not in other.content.decode().split('id="main"')[1]


def test_a_write_shows_in_the_next_search(secretariat_user, ghana):
    client = _client(secretariat_user)
    settle()
    assert client.get(URL, {"q": WORD}).context["results"]["total"] == 0
    national_roadmap(ghana, title=f"Ghana {WORD} roadmap")
    settle()
    response = client.get(URL, {"q": WORD})
    assert f"Ghana {WORD} roadmap" in response.content.decode().replace("<mark>", "").replace(
        "</mark>", ""
    )


def test_a_change_of_who_may_open_a_record_shows_in_the_next_search(ghana, kenya):
    roadmap = national_roadmap(ghana, title=f"Ghana {WORD} roadmap")
    version = RoadmapVersionFactory(roadmap=roadmap, number=1, change_summary=f"{WORD} draft")
    reader = _client(UserFactory(roles=[Role.ADVISORY_GROUP]))
    settle()
    assert f"{WORD} draft" not in reader.get(URL, {"q": WORD, "kind": "versions"}).content.decode()
    version.status = VersionStatus.PUBLISHED
    version.save()
    settle()
    page = reader.get(URL, {"q": WORD, "kind": "versions"}).content.decode()
    assert f"{WORD}</mark> draft" in page


def test_the_results_are_kept_per_language(secretariat_user, ghana):
    national_roadmap(ghana, title=f"Ghana {WORD} roadmap")
    client = _client(secretariat_user)
    settle()
    english = client.get(URL, {"q": WORD}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = client.get(URL, {"q": WORD}, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "1 result for" in english
    assert "1 résultat pour" in french
