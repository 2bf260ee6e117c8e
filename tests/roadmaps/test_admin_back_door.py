"""The admin goes through the same rules as the pages (issue 9, item 10)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pilots.models import FocalPoint
from programme.choices import Role
from roadmaps.choices import VersionStatus
from roadmaps.models import Criterion, LevelDescriptor, RoadmapVersion, Rubric
from tests.factories import RoadmapFactory, RoadmapVersionFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_published_rubric_cannot_be_edited_in_the_admin(admin_client, reference_data):
    rubric = Rubric.objects.filter(published_at__isnull=False).first()
    criterion = rubric.criteria.first()
    level = LevelDescriptor.objects.filter(criterion=criterion).first()
    for model, obj, data in [
        (Rubric, rubric, {"version": rubric.version, "title": "Rewritten"}),
        (Criterion, criterion, {"name": "Rewritten"}),
        (LevelDescriptor, level, {"descriptor": "Rewritten"}),
    ]:
        url = reverse(f"admin:roadmaps_{model._meta.model_name}_change", args=[obj.pk])
        admin_client.post(url, data)
        obj.refresh_from_db()
        assert "Rewritten" not in str(vars(obj)), model.__name__
        delete = reverse(f"admin:roadmaps_{model._meta.model_name}_delete", args=[obj.pk])
        assert admin_client.post(delete, {"post": "yes"}).status_code == 403


def test_a_submitted_version_cannot_be_deleted_in_the_admin(admin_client, ghana):
    submitted = RoadmapVersionFactory(
        roadmap=RoadmapFactory(country=ghana), status=VersionStatus.SUBMITTED
    )
    url = reverse("admin:roadmaps_roadmapversion_delete", args=[submitted.pk])
    assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert RoadmapVersion.objects.filter(pk=submitted.pk).exists()


def test_a_draft_deleted_in_the_admin_goes_through_the_service(
    admin_client, ghana, settings, django_capture_on_commit_callbacks
):
    draft = RoadmapVersionFactory(roadmap=RoadmapFactory(country=ghana))
    stored = draft.file.path
    url = reverse("admin:roadmaps_roadmapversion_delete", args=[draft.pk])
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(url, {"post": "yes"})
    assert not RoadmapVersion.objects.filter(pk=draft.pk).exists()
    import os

    assert not os.path.exists(stored)  # the service removes the file too


def test_a_focal_point_linked_in_the_admin_gets_the_role(admin_client, ghana):
    person = UserFactory()
    assert not person.has_role(Role.FOCAL_POINT)
    response = admin_client.post(
        reverse("admin:pilots_focalpoint_add"),
        {"user": person.pk, "country": ghana.pk, "is_primary": "on"},
    )
    assert response.status_code == 302, response.content[:2000]
    assert FocalPoint.objects.filter(user=person, country=ghana).exists()
    person.refresh_from_db()
    person.__dict__.pop("roles", None)
    assert person.has_role(Role.FOCAL_POINT)
