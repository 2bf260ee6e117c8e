"""Upload form, version page, workflow buttons and the permission-checking download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pilots.models import Country
from roadmaps.choices import VersionStatus
from roadmaps.models import RoadmapGoal, RoadmapVersion
from tests.factories import (
    MINIMAL_PDF,
    RoadmapVersionFactory,
    finalised_assessment,
    national_roadmap,
)
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap(ghana):
    return national_roadmap(ghana)


def _files(settings):
    root = settings.PRIVATE_MEDIA_ROOT
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_focal_point_uploads_a_draft(focal_point_client, roadmap, settings):
    url = reverse("roadmaps:version-upload", args=[roadmap.pk])
    response = focal_point_client.post(
        url,
        {"file": SimpleUploadedFile("Roadmap v1.pdf", MINIMAL_PDF), "change_summary": "First."},
    )
    version = RoadmapVersion.objects.get()
    assert response["Location"] == reverse("roadmaps:version-detail", args=[version.pk])
    assert (version.number, version.status, version.change_summary) == (1, "draft", "First.")
    assert version.original_filename == "Roadmap v1.pdf"
    assert len(_files(settings)) == 1


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"GIF89a not a document", "Only PDF"),
        (MINIMAL_PDF[:40], "incomplete or damaged"),
    ],
)
def test_bad_uploads_show_the_reason_and_save_nothing(
    focal_point_client, roadmap, settings, data, message
):
    url = reverse("roadmaps:version-upload", args=[roadmap.pk])
    response = focal_point_client.post(url, {"file": SimpleUploadedFile("draft.pdf", data)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert 'aria-invalid="true"' in response.content.decode()
    assert not RoadmapVersion.objects.exists()
    assert _files(settings) == []


def test_a_path_like_upload_name_keeps_only_its_base_name(focal_point_client, roadmap):
    url = reverse("roadmaps:version-upload", args=[roadmap.pk])
    focal_point_client.post(url, {"file": SimpleUploadedFile("../../etc/draft.pdf", MINIMAL_PDF)})
    version = RoadmapVersion.objects.get()
    assert version.original_filename == "draft.pdf"
    assert ".." not in version.file.name


def test_focal_point_of_another_country_cannot_upload(other_focal_point_client, roadmap, settings):
    url = reverse("roadmaps:version-upload", args=[roadmap.pk])
    response = other_focal_point_client.post(
        url, {"file": SimpleUploadedFile("draft.pdf", MINIMAL_PDF)}
    )
    assert response.status_code == 404
    assert not RoadmapVersion.objects.exists()
    assert _files(settings) == []


def test_download_is_an_attachment_with_a_safe_name(focal_point_client, roadmap):
    version = RoadmapVersionFactory(
        roadmap=roadmap, number=1, original_filename='Ghana "final" draft'
    )
    response = focal_point_client.get(reverse("roadmaps:version-download", args=[version.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == 'attachment; filename="Ghana \\"final\\" draft.pdf"'
    assert b"".join(response.streaming_content) == MINIMAL_PDF


def test_version_page_offers_the_moves_the_user_may_make(focal_point_client, staff_client, roadmap):
    version = RoadmapVersionFactory(roadmap=roadmap, number=1)
    url = reverse("roadmaps:version-detail", args=[version.pk])
    assert "Submit to the secretariat" in focal_point_client.get(url).content.decode()
    version.status = VersionStatus.SUBMITTED
    version.save()
    focal_html = focal_point_client.get(url).content.decode()
    staff_html = staff_client.get(url).content.decode()
    assert "Start the review" not in focal_html and "Return for revision" not in focal_html
    assert "Assign reviewers" not in focal_html
    # The normal next step leads; starting without reviewers and returning stay on offer.
    assert "Start the review without reviewers" in staff_html
    assert "Return for revision" in staff_html
    assert 'class="btn btn-primary" href="' in staff_html and "Assign reviewers</a>" in staff_html


def test_returning_without_a_reason_is_refused_with_a_message(staff_client, roadmap):
    version = RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.SUBMITTED)
    url = reverse("roadmaps:version-move", args=[version.pk])
    page = staff_client.post(url, {"to_status": "returned", "comment": ""}, follow=True)
    assert "Say why the version is returned" in page.content.decode()
    version.refresh_from_db()
    assert version.status == VersionStatus.SUBMITTED
    page = staff_client.post(
        url, {"to_status": "returned", "comment": "Add baselines."}, follow=True
    )
    version.refresh_from_db()
    assert version.status == VersionStatus.RETURNED
    assert "Add baselines." in page.content.decode()


def test_a_second_submit_from_the_page_is_refused_with_a_message(focal_point_client, roadmap):
    version = RoadmapVersionFactory(roadmap=roadmap, number=1)
    url = reverse("roadmaps:version-move", args=[version.pk])
    focal_point_client.post(url, {"to_status": "submitted"})
    page = focal_point_client.post(url, {"to_status": "submitted"}, follow=True)
    assert "already submitted" in page.content.decode()
    assert version.transitions.filter(to_status="submitted").count() == 1


def test_focal_point_keeps_own_roadmaps_sdgs(focal_point_client, other_focal_point_client, roadmap):
    from roadmaps.models import Goal

    goal = Goal.objects.get(number=9)
    url = reverse("roadmaps:roadmap-goal-set", args=[roadmap.pk])
    data = {"goal": goal.pk, "priority": "secondary", "notes": "Synergy with SDG 8."}
    assert other_focal_point_client.post(url, data).status_code == 404
    assert not RoadmapGoal.objects.exists()
    focal_point_client.post(url, data)
    link = RoadmapGoal.objects.get()
    assert (link.goal, link.priority, link.notes) == (goal, "secondary", "Synergy with SDG 8.")
    focal_point_client.post(reverse("roadmaps:roadmap-goal-remove", args=[roadmap.pk, link.pk]))
    assert not RoadmapGoal.objects.exists()


# --- Roadmap list: latest version status and minimum overall score ------------------------


@pytest.fixture
def listed(ghana, kenya):
    """Ghana: a draft after a returned, assessed version (2.00). Kenya: published (3.50)."""
    ghana_map = national_roadmap(ghana)
    returned = RoadmapVersionFactory(roadmap=ghana_map, number=1, status=VersionStatus.RETURNED)
    RoadmapVersionFactory(roadmap=ghana_map, number=2)
    finalised_assessment(returned, dict.fromkeys(range(1, 11), 2))
    kenya_map = national_roadmap(kenya)
    published = RoadmapVersionFactory(roadmap=kenya_map, number=1, status=VersionStatus.PUBLISHED)
    finalised_assessment(published, {1: 3, 2: 4})
    return {"ghana": ghana_map, "kenya": kenya_map}


def _listed_titles(client, **params) -> set[str]:
    response = client.get(reverse("roadmaps:roadmap-list"), params)
    assert response.status_code == 200
    return {r.title for r in response.context["object_list"]}


def test_roadmap_list_filters_by_latest_version_status(staff_client, listed):
    page = staff_client.get(reverse("roadmaps:roadmap-list")).content.decode()
    assert 'name="status"' in page and "Latest version status" in page
    assert "{#" not in page  # the filter form's template comments stay comments
    assert _listed_titles(staff_client, status="draft") == {listed["ghana"].title}
    assert _listed_titles(staff_client, status="published") == {listed["kenya"].title}
    assert _listed_titles(staff_client, status="returned") == set()


def test_roadmap_list_filters_by_minimum_overall_score(staff_client, focal_point_client, listed):
    page = staff_client.get(reverse("roadmaps:roadmap-list")).content.decode()
    assert 'name="min_overall_score"' in page and "Minimum overall score" in page
    assert "3.50" in page  # the column shows the score the filter uses
    assert _listed_titles(staff_client, min_overall_score="3") == {listed["kenya"].title}
    assert _listed_titles(staff_client, min_overall_score="2") == {
        listed["ghana"].title,
        listed["kenya"].title,
    }
    # Kenya's scorecard is published, so it counts for Ghana's focal point as for anyone.
    assert _listed_titles(focal_point_client, min_overall_score="2") == {
        listed["ghana"].title,
        listed["kenya"].title,
    }


def test_roadmap_list_queries_do_not_grow_with_rows(
    staff_client, reference_data, django_assert_num_queries
):
    def make(countries):
        for country in countries:
            version = RoadmapVersionFactory(
                roadmap=national_roadmap(country), status=VersionStatus.PUBLISHED
            )
            finalised_assessment(version, {1: 3, 2: 2})

    countries = list(Country.objects.order_by("pk")[:8])
    url = reverse("roadmaps:roadmap-list")
    params = {"min_overall_score": "1"}
    make(countries[:2])
    staff_client.get(url, params)
    with queries_counted() as few:
        assert len(staff_client.get(url, params).context["object_list"]) == 2
    make(countries[2:])
    with django_assert_num_queries(len(few)):
        assert len(staff_client.get(url, params).context["object_list"]) == 8
