"""The submission workflow: every legal and illegal move, locking, history and emails."""

import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection, transaction

from base.errors import IllegalTransition, NotPermitted
from roadmaps.choices import VERSION_STATUS_MOVES, VersionStatus
from roadmaps.models import RoadmapVersion, VersionTransition
from roadmaps.services import (
    roadmap_version_delete,
    roadmap_version_submit,
    roadmap_version_transition,
    roadmap_version_upload,
)
from tests.factories import (
    MINIMAL_PDF,
    ReviewAssignmentFactory,
    RoadmapVersionFactory,
    make_docx,
    national_roadmap,
)

S = VersionStatus
ALL_MOVES = [(a, b) for a in S.values for b in S.values]
LEGAL = [(a, b) for a, b in ALL_MOVES if b in VERSION_STATUS_MOVES[a]]
ILLEGAL = [(a, b) for a, b in ALL_MOVES if b not in VERSION_STATUS_MOVES[a]]


@pytest.fixture
def roadmap(ghana):
    return national_roadmap(ghana)


def _version(roadmap, status=S.DRAFT, **kwargs):
    return RoadmapVersionFactory(roadmap=roadmap, status=status, **kwargs)


@pytest.mark.django_db
@pytest.mark.parametrize(("from_status", "to_status"), LEGAL)
def test_every_legal_move_is_made_once_and_recorded(
    secretariat_user, roadmap, from_status, to_status
):
    version = _version(roadmap, from_status)
    transition = roadmap_version_transition(
        actor=secretariat_user, version=version, to_status=to_status, comment="Because."
    )
    version.refresh_from_db()
    assert version.status == to_status
    assert (transition.from_status, transition.to_status) == (from_status, to_status)
    assert transition.actor == secretariat_user and transition.comment == "Because."
    if to_status == S.SUBMITTED:
        assert version.submitted_at is not None
    if to_status == S.PUBLISHED:
        assert version.published_at is not None


@pytest.mark.django_db
@pytest.mark.parametrize(("from_status", "to_status"), ILLEGAL)
def test_every_illegal_move_is_refused(secretariat_user, roadmap, from_status, to_status):
    version = _version(roadmap, from_status)
    with pytest.raises(IllegalTransition):
        roadmap_version_transition(
            actor=secretariat_user, version=version, to_status=to_status, comment="x"
        )
    version.refresh_from_db()
    assert version.status == from_status
    assert not VersionTransition.objects.exists()


@pytest.mark.django_db
def test_returning_needs_a_reason(secretariat_user, roadmap):
    version = _version(roadmap, S.SUBMITTED)
    with pytest.raises(IllegalTransition, match="why") as exc:
        roadmap_version_transition(
            actor=secretariat_user, version=version, to_status=S.RETURNED, comment="  "
        )
    assert exc.value.code == "reason_required"
    version.refresh_from_db()
    assert version.status == S.SUBMITTED


@pytest.mark.django_db
def test_a_second_submit_of_the_same_version_is_refused(focal_point_user, roadmap):
    version = _version(roadmap)
    roadmap_version_submit(actor=focal_point_user, version=version)
    with pytest.raises(IllegalTransition, match="already submitted"):
        roadmap_version_submit(actor=focal_point_user, version=version)
    assert version.transitions.filter(to_status=S.SUBMITTED).count() == 1


# Who may make which move (own = Ghana, the focal point's country).
MOVE_PERMISSIONS = [
    # (actor fixture, from, to, allowed)
    ("focal_point_user", S.DRAFT, S.SUBMITTED, True),
    ("other_focal_point_user", S.DRAFT, S.SUBMITTED, False),
    ("reviewer_user", S.DRAFT, S.SUBMITTED, False),
    ("secretariat_user", S.DRAFT, S.SUBMITTED, True),
    ("focal_point_user", S.SUBMITTED, S.UNDER_REVIEW, False),
    ("reviewer_user", S.SUBMITTED, S.UNDER_REVIEW, False),
    ("focal_point_user", S.UNDER_REVIEW, S.ACCEPTED, False),
    ("focal_point_user", S.ACCEPTED, S.PUBLISHED, False),
    ("secretariat_user", S.ACCEPTED, S.PUBLISHED, True),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("actor", "from_status", "to_status", "allowed"), MOVE_PERMISSIONS)
def test_who_may_move_a_version(request, roadmap, actor, from_status, to_status, allowed):
    user = request.getfixturevalue(actor)
    version = _version(roadmap, from_status)
    if allowed:
        roadmap_version_transition(actor=user, version=version, to_status=to_status, comment="c")
        assert RoadmapVersion.objects.get(pk=version.pk).status == to_status
    else:
        with pytest.raises(NotPermitted):
            roadmap_version_transition(
                actor=user, version=version, to_status=to_status, comment="c"
            )
        assert RoadmapVersion.objects.get(pk=version.pk).status == from_status


@pytest.mark.django_db
def test_a_submitted_version_is_immutable(focal_point_user, roadmap):
    version = roadmap_version_upload(
        actor=focal_point_user, roadmap=roadmap, file=ContentFile(MINIMAL_PDF, name="a.pdf")
    )
    roadmap_version_submit(actor=focal_point_user, version=version)
    version.refresh_from_db()
    version.file = ContentFile(make_docx(), name="other.docx")
    with pytest.raises(ValidationError, match="cannot be changed"):
        version.full_clean()
    version.refresh_from_db()
    version.number = 9
    with pytest.raises(ValidationError, match="cannot be changed"):
        version.full_clean()
    with pytest.raises(IllegalTransition):
        roadmap_version_delete(actor=focal_point_user, version=version)


@pytest.mark.django_db
def test_a_draft_may_be_deleted_by_its_uploader_only(
    focal_point_user, roadmap, settings, django_capture_on_commit_callbacks
):
    from tests.factories import UserFactory

    colleague = UserFactory(roles=["focal_point"], countries=[roadmap.country])
    version = roadmap_version_upload(
        actor=focal_point_user, roadmap=roadmap, file=ContentFile(MINIMAL_PDF, name="a.pdf")
    )
    path = settings.PRIVATE_MEDIA_ROOT / version.file.name
    with pytest.raises(NotPermitted):
        roadmap_version_delete(actor=colleague, version=version)
    with django_capture_on_commit_callbacks(execute=True):
        roadmap_version_delete(actor=focal_point_user, version=version)
    assert not RoadmapVersion.objects.exists()
    assert not path.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("to_status", "from_status", "recipients"),
    [
        (S.SUBMITTED, S.DRAFT, ["secretariat@sti-roadmaps.test"]),
        (S.RETURNED, S.UNDER_REVIEW, ["fp-gha@example.org"]),
        (S.ACCEPTED, S.UNDER_REVIEW, ["fp-gha@example.org"]),
    ],
)
def test_the_right_people_are_emailed_after_commit(
    secretariat_user,
    focal_point_user,
    roadmap,
    settings,
    django_capture_on_commit_callbacks,
    to_status,
    from_status,
    recipients,
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.SECRETARIAT_EMAIL = "secretariat@sti-roadmaps.test"
    from config.celery import app

    app.conf.task_always_eager = True
    try:
        version = _version(roadmap, from_status, created_by=focal_point_user)
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            roadmap_version_transition(
                actor=secretariat_user, version=version, to_status=to_status, comment="Notes."
            )
            assert mail.outbox == []  # nothing leaves before the commit
    finally:
        app.conf.task_always_eager = False
    assert len(callbacks) == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == recipients
    assert f"v{version.number}" in mail.outbox[0].subject
    if to_status == S.RETURNED:
        assert "Notes." in mail.outbox[0].body


@pytest.mark.django_db
def test_moves_without_an_email_queue_nothing(
    secretariat_user, roadmap, django_capture_on_commit_callbacks
):
    version = _version(roadmap, S.SUBMITTED)
    with django_capture_on_commit_callbacks() as callbacks:
        roadmap_version_transition(
            actor=secretariat_user, version=version, to_status=S.UNDER_REVIEW
        )
    assert callbacks == []


@pytest.mark.django_db
def test_a_rolled_back_move_queues_nothing(
    focal_point_user, roadmap, django_capture_on_commit_callbacks
):
    version = _version(roadmap)
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        roadmap_version_submit(actor=focal_point_user, version=version)
        raise RuntimeError("the request failed after the move")
    assert callbacks == []
    version.refresh_from_db()
    assert version.status == S.DRAFT
    assert not VersionTransition.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_concurrent_double_submit_gives_one_transition(reference_data, monkeypatch):
    from programme import tasks
    from tests.factories import UserFactory, country

    # The emails are not the point here; keep them off the shared broker.
    monkeypatch.setattr(tasks.send_outbox_email, "delay", lambda *a, **k: None)
    ghana = country("GHA")
    user = UserFactory(roles=["focal_point"], countries=[ghana])
    version = _version(national_roadmap(ghana))
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit():
        try:
            barrier.wait()
            roadmap_version_submit(actor=user, version=RoadmapVersion.objects.get(pk=version.pk))
            outcomes.append("ok")
        except IllegalTransition:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert VersionTransition.objects.filter(version=version, to_status=S.SUBMITTED).count() == 1


@pytest.mark.celery
def test_submit_emails_the_secretariat_through_a_real_worker(
    celery_worker_real, reference_data, settings
):
    from tests.factories import UserFactory, country

    settings.SECRETARIAT_EMAIL = "secretariat@sti-roadmaps.test"
    ghana = country("GHA")
    user = UserFactory(roles=["focal_point"], countries=[ghana])
    version = _version(national_roadmap(ghana))
    roadmap_version_submit(actor=user, version=version)  # autocommit: on_commit runs at once
    import time

    # The worker runs in this process; wait for its message, bounded.
    for _ in range(300):
        if mail.outbox:
            break
        time.sleep(0.1)
    assert [m.to for m in mail.outbox] == [["secretariat@sti-roadmaps.test"]]
    assert "submitted" in mail.outbox[0].subject


@pytest.mark.django_db
@pytest.mark.parametrize("pending", [S.SUBMITTED, S.UNDER_REVIEW])
def test_one_draft_at_a_time_is_with_the_secretariat(focal_point_user, roadmap, pending):
    _version(roadmap, pending, number=1)
    second = _version(roadmap, number=2)
    with pytest.raises(IllegalTransition, match="Version 1 of this roadmap") as exc:
        roadmap_version_submit(actor=focal_point_user, version=second)
    assert exc.value.code == "another_version_pending"
    second.refresh_from_db()
    assert second.status == S.DRAFT
    assert not VersionTransition.objects.filter(version=second).exists()


@pytest.mark.django_db
def test_a_new_draft_may_go_in_once_the_last_is_decided(focal_point_user, roadmap):
    _version(roadmap, S.RETURNED, number=1)
    second = _version(roadmap, number=2)
    roadmap_version_submit(actor=focal_point_user, version=second)
    second.refresh_from_db()
    assert second.status == S.SUBMITTED


@pytest.mark.django_db(transaction=True)
def test_two_drafts_submitted_at_once_let_only_one_in(reference_data, monkeypatch):
    from programme import tasks
    from tests.factories import UserFactory, country

    monkeypatch.setattr(tasks.send_outbox_email, "delay", lambda *a, **k: None)
    ghana = country("GHA")
    user = UserFactory(roles=["focal_point"], countries=[ghana])
    roadmap = national_roadmap(ghana)
    drafts = [_version(roadmap, number=1), _version(roadmap, number=2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit(pk):
        try:
            barrier.wait()
            roadmap_version_submit(actor=user, version=RoadmapVersion.objects.get(pk=pk))
            outcomes.append("ok")
        except IllegalTransition:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(d.pk,)) for d in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(outcomes) == ["ok", "refused"]
    assert RoadmapVersion.objects.filter(roadmap=roadmap, status=S.SUBMITTED).count() == 1


def test_an_assigned_reviewer_cannot_move_the_version(ghana):
    # A reviewer's "review" scope lets them score the version, never decide on it.
    version = RoadmapVersionFactory(
        roadmap=national_roadmap(ghana), status=VersionStatus.UNDER_REVIEW
    )
    assignment = ReviewAssignmentFactory(version=version)
    with pytest.raises(NotPermitted):
        roadmap_version_transition(
            actor=assignment.reviewer, version=version, to_status=VersionStatus.ACCEPTED
        )
    version.refresh_from_db()
    assert version.status == VersionStatus.UNDER_REVIEW
