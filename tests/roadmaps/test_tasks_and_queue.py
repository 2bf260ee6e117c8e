"""Each person's tasks (the dashboard's "Your tasks") and the secretariat's review queue:
who sees which rows, which next step each row offers, and query counts that stay flat."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.selectors import dashboard_tasks
from roadmaps.choices import VersionStatus
from roadmaps.rules import NextStep, version_next_step
from roadmaps.selectors.tasks import QUEUE_STEPS_SHOWN
from tests.factories import (
    ChapterDraftFactory,
    ChapterFactory,
    CommentFactory,
    InvitationFactory,
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    finalised_assessment,
    review_scores,
)
from tests.programme.test_cache_language import settle
from tests.querycount import queries_counted

pytestmark = pytest.mark.django_db
ALL_TEN = dict.fromkeys(range(1, 11), 3)


def labels(user) -> list[str]:
    return [t.label for t in dashboard_tasks(user=user, today=timezone.localdate())]


def queries(fn) -> int:
    with queries_counted() as ctx:
        fn()
    return len(ctx.captured_queries)


# --- Reviewers -------------------------------------------------------------------------------


def test_a_reviewer_is_asked_to_score_each_open_review_by_its_due_date(reviewer_user, ghana):
    due = timezone.localdate() + dt.timedelta(days=6)
    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    open_one = ReviewAssignmentFactory(
        version=version, reviewer=reviewer_user, milestone__due_on=due
    )
    done = ReviewAssignmentFactory(
        reviewer=reviewer_user, version__roadmap=RoadmapFactory(country=ghana)
    )
    review_scores(done, ALL_TEN)
    someone_elses = ReviewAssignmentFactory(version=version)

    tasks = dashboard_tasks(user=reviewer_user, today=timezone.localdate())
    assert [t.label for t in tasks] == [f"Score Ghana v{version.number}"]
    assert tasks[0].due_on == due
    assert tasks[0].url == reverse("roadmaps:review-edit", args=[open_one.pk])
    assert reverse("roadmaps:review-edit", args=[someone_elses.pk]) not in [t.url for t in tasks]


def test_my_reviews_lists_open_reviews_first(reviewer_client, reviewer_user, ghana):
    soon = timezone.localdate() + dt.timedelta(days=2)
    done = ReviewAssignmentFactory(
        reviewer=reviewer_user,
        milestone__due_on=soon,
        version__roadmap=RoadmapFactory(country=ghana),
    )
    review_scores(done, ALL_TEN)
    later = ReviewAssignmentFactory(
        reviewer=reviewer_user,
        milestone__due_on=soon + dt.timedelta(days=30),
        version__roadmap=RoadmapFactory(country=ghana),
    )
    rows = list(reviewer_client.get(reverse("roadmaps:review-list")).context["object_list"])
    assert rows == [later, done]


# --- Focal points ----------------------------------------------------------------------------


def test_a_focal_point_is_told_to_submit_or_delete_an_unsubmitted_draft(
    focal_point_user, ghana, kenya
):
    roadmap = RoadmapFactory(country=ghana)
    RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.RETURNED)
    draft = RoadmapVersionFactory(roadmap=roadmap, number=3, created_by=focal_point_user)
    RoadmapVersionFactory(roadmap=RoadmapFactory(country=kenya), number=1)  # not theirs

    tasks = dashboard_tasks(user=focal_point_user, today=timezone.localdate())
    assert [t.label for t in tasks] == ["Submit or delete draft v3"]
    assert tasks[0].url == reverse("roadmaps:version-detail", args=[draft.pk])
    # The draft is the task: no "upload a new version" on top of it.
    assert not any("Upload" in t.label for t in tasks)


def test_a_returned_roadmap_asks_for_a_revised_version(focal_point_user, ghana):
    roadmap = RoadmapFactory(country=ghana)
    RoadmapVersionFactory(roadmap=roadmap, number=1, status=VersionStatus.RETURNED)
    tasks = dashboard_tasks(user=focal_point_user, today=timezone.localdate())
    assert [t.label for t in tasks] == ["Upload a revised version (v1 was returned)"]
    assert tasks[0].url == reverse("roadmaps:version-upload", args=[roadmap.pk])


def test_another_countrys_drafts_are_no_task_of_a_focal_point_or_the_secretariat(
    other_focal_point_user, secretariat_user, ghana
):
    RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana))
    assert labels(other_focal_point_user) == []
    assert not any("draft" in label for label in labels(secretariat_user))


# --- The secretariat -------------------------------------------------------------------------


def test_the_secretariats_tasks_follow_each_versions_next_step(secretariat_user, ghana, kenya):
    waiting = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    reviewed = ReviewAssignmentFactory(
        version__roadmap=RoadmapFactory(country=kenya), version__status="under_review"
    )
    review_scores(reviewed, ALL_TEN)
    accepted = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="accepted")

    found = labels(secretariat_user)
    assert "3 versions in the review queue" in found
    assert f"Assign reviewers: Ghana v{waiting.number}" in found
    assert f"Consolidate the reviews: Kenya v{reviewed.version.number}" in found
    assert f"Publish: Ghana v{accepted.number}" in found


def test_the_secretariat_is_named_the_longest_waiting_steps_and_told_how_many_more(
    secretariat_user, ghana
):
    today = timezone.localdate()
    versions = [
        RoadmapVersionFactory(
            roadmap=RoadmapFactory(country=ghana),
            status="submitted",
            submitted_at=timezone.now() - dt.timedelta(days=10 + n),
        )
        for n in range(QUEUE_STEPS_SHOWN + 2)
    ]
    found = labels(secretariat_user)
    assert f"{len(versions)} versions in the review queue" in found
    named = [label for label in found if label.startswith("Assign reviewers: ")]
    oldest_first = sorted(versions, key=lambda v: v.submitted_at)
    assert (
        named == [f"Assign reviewers: Ghana v{v.number}" for v in oldest_first][:QUEUE_STEPS_SHOWN]
    )
    more = [t for t in dashboard_tasks(user=secretariat_user, today=today) if "more" in t.label]
    assert [t.label for t in more] == ["2 more versions wait for the secretariat's next step"]
    assert more[0].url == reverse("roadmaps:version-queue")
    assert (
        more[0].waiting_days == (today - oldest_first[QUEUE_STEPS_SHOWN].submitted_at.date()).days
    )


def test_the_dashboards_tasks_show_a_new_queue_row_on_the_next_read(staff_client, ghana):
    RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    settle()
    assert "1 version in the review queue" in staff_client.get("/").content.decode()
    assert "1 version in the review queue" in staff_client.get("/").content.decode()
    RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    settle()
    assert "2 versions in the review queue" in staff_client.get("/").content.decode()


def test_next_step_moves_from_assigning_to_consolidating_to_accepting(secretariat_user, ghana):
    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    assert version_next_step(secretariat_user, version) == NextStep.ASSIGN
    assignment = ReviewAssignmentFactory(version=version)
    assert version_next_step(secretariat_user, version) == NextStep.AWAIT_REVIEWS
    review_scores(assignment, ALL_TEN)
    assert version_next_step(secretariat_user, version) == NextStep.CONSOLIDATE
    finalised_assessment(version, ALL_TEN)
    assert version_next_step(secretariat_user, version) == NextStep.ACCEPT


def test_nobody_but_the_secretariat_gets_a_step_of_the_queue(
    focal_point_user, reviewer_user, advisory_user, partner_user, ghana
):
    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    for user in (focal_point_user, reviewer_user, advisory_user, partner_user):
        assert version_next_step(user, version) is None
        assert not any("review queue" in label for label in labels(user))


# --- The Guidebook ---------------------------------------------------------------------------


def test_an_invited_adviser_is_asked_to_comment_until_they_have(advisory_user):
    chapter = ChapterFactory(status="drafting", number=1)
    InvitationFactory(chapter=chapter, user=advisory_user)
    draft = ChapterDraftFactory(chapter=chapter)
    ChapterFactory(status="drafting")  # not invited
    assert labels(advisory_user) == ["Comment on chapter 1"]
    CommentFactory(draft=draft, author=advisory_user)
    assert labels(advisory_user) == []


def test_a_partner_has_no_task(partner_user, ghana):
    RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    assert labels(partner_user) == []


# --- Query counts ----------------------------------------------------------------------------


def test_task_queries_do_not_grow_with_rows(secretariat_user, reviewer_user, ghana, kenya):
    def add_rows():
        for country in (ghana, kenya):
            v = RoadmapVersionFactory(roadmap=RoadmapFactory(country=country), status="submitted")
            ReviewAssignmentFactory(version=v, reviewer=reviewer_user)
            RoadmapVersionFactory(roadmap=RoadmapFactory(country=country), status="accepted")

    today = timezone.localdate()
    add_rows()
    for user in (secretariat_user, reviewer_user):
        dashboard_tasks(user=user, today=today)  # what a request reads once per person
    few = {
        u: queries(lambda u=u: dashboard_tasks(user=u, today=today))
        for u in (secretariat_user, reviewer_user)
    }
    add_rows()
    add_rows()
    many = {
        u: queries(lambda u=u: dashboard_tasks(user=u, today=today))
        for u in (secretariat_user, reviewer_user)
    }
    assert many == few
    assert len(labels(secretariat_user)) > 6


# --- The review queue ------------------------------------------------------------------------


def test_the_queue_shows_age_progress_and_the_next_step(staff_client, ghana):
    version = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana),
        status="under_review",
        submitted_at=timezone.now() - dt.timedelta(days=4),
    )
    first, _second = (
        ReviewAssignmentFactory(version=version),
        ReviewAssignmentFactory(version=version),
    )
    review_scores(first, ALL_TEN)
    page = staff_client.get(reverse("roadmaps:version-queue")).content.decode()
    assert "1 of 2 reviews in" in page
    assert "4 days" in page
    assert "Follow the reviews" in page


def test_the_queue_filters_by_the_statuses_it_holds_and_a_country_select(
    staff_client, ghana, kenya
):
    RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    kenyan = RoadmapVersionFactory(roadmap=RoadmapFactory(country=kenya), status="accepted")
    response = staff_client.get(reverse("roadmaps:version-queue"), {"country": kenya.pk})
    assert list(response.context["object_list"]) == [kenyan]
    form = response.context["filter"].form
    assert [v for v, _label in form.fields["status"].choices if v] == [
        "submitted",
        "under_review",
        "accepted",
    ]
    assert "roadmap" not in form.fields  # no free-text id
    assert (
        staff_client.get(reverse("roadmaps:version-queue"), {"status": "draft"}).status_code == 200
    )
    assert list(
        staff_client.get(reverse("roadmaps:version-queue"), {"status": "accepted"}).context[
            "object_list"
        ]
    ) == [kenyan]


def test_the_queue_is_scoped_and_offers_no_step_to_a_focal_point(focal_point_client, ghana, kenya):
    own = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    other = RoadmapVersionFactory(roadmap=RoadmapFactory(country=kenya), status="submitted")
    response = focal_point_client.get(reverse("roadmaps:version-queue"))
    rows = list(response.context["object_list"])
    assert own in rows and other not in rows
    assert "Assign reviewers" not in response.content.decode()


def test_the_queue_page_queries_do_not_grow_with_rows(staff_client, ghana, kenya):
    def add_rows():
        for country in (ghana, kenya):
            v = RoadmapVersionFactory(roadmap=RoadmapFactory(country=country), status="submitted")
            ReviewAssignmentFactory(version=v)

    url = reverse("roadmaps:version-queue")
    add_rows()
    staff_client.get(url)
    few = queries(lambda: staff_client.get(url))
    add_rows()
    add_rows()
    many = queries(lambda: staff_client.get(url))
    assert many == few


def test_the_menu_names_the_review_queue_for_the_secretariat_only(staff_client, focal_point_client):
    url = reverse("roadmaps:version-queue")
    assert ("Review queue", url, "roadmaps") in staff_client.get("/").context["nav_items"]
    assert url not in [i[1] for i in focal_point_client.get("/").context["nav_items"]]


# --- The version page and the consolidation ----------------------------------------------------


def test_the_version_page_makes_the_next_step_its_primary_button(staff_client, ghana):
    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="submitted")
    page = staff_client.get(reverse("roadmaps:version-detail", args=[version.pk])).content.decode()
    assessment = reverse("roadmaps:version-assessment", args=[version.pk])
    assert f'class="btn btn-primary" href="{assessment}#assign-h">Assign reviewers' in page
    assert 'class="btn btn-outline-danger">Return for revision' in page
    assert "SHA-256" not in page


def test_consolidation_waits_for_every_review_and_ticks_nothing(staff_client, ghana):
    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="under_review")
    first = ReviewAssignmentFactory(version=version)
    ReviewAssignmentFactory(version=version)
    url = reverse("roadmaps:version-assessment", args=[version.pk])
    review_scores(first, ALL_TEN)
    page = staff_client.get(url).content.decode()
    assert "1 of 2 reviews in" in page
    assert 'name="action" value="finalise"' not in page
    for assignment in version.assignments.exclude(pk=first.pk):
        review_scores(assignment, ALL_TEN)
    page = staff_client.get(url).content.decode()
    assert 'name="action" value="finalise"' in page
    assert "checked" not in page.split('id="consolidation-heading"')[1].split("</form>")[0]


def test_the_scorecard_leads_back_to_its_version(staff_client, ghana):
    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="under_review")
    finalised_assessment(version, ALL_TEN)
    page = staff_client.get(
        reverse("roadmaps:version-scorecard", args=[version.pk])
    ).content.decode()
    assert f'href="{reverse("roadmaps:version-detail", args=[version.pk])}' in page


def test_a_second_consent_is_refused_in_words_and_not_offered(staff_client, ghana):
    from roadmaps.models import PublicReleaseConsent

    version = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana), status="published")
    PublicReleaseConsent.objects.create(
        version=version, given_by="Minister", given_on=dt.date(2024, 1, 5), evidence="Letter"
    )
    second = PublicReleaseConsent(
        version=version, given_by="Minister", given_on=dt.date(2024, 2, 5), evidence="Letter"
    )
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as caught:
        second.full_clean()
    text = str(caught.value.message_dict)
    assert "already has a consent in force" in text and "public_consent_one_in_force" not in text
    from portal.workprogramme.forms import ConsentForm

    assert version not in ConsentForm().fields["version"].queryset
