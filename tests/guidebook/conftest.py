"""Guidebook fixtures: an edition on each side of every scope line, and the people around a
chapter (its lead, an invited person, an invited organisation's member, an outsider)."""

from __future__ import annotations

import pytest

from guidebook.choices import EditionStatus
from programme.choices import Role
from tests.factories import (
    ChapterDraftFactory,
    ChapterFactory,
    GuidebookEditionFactory,
    InvitationFactory,
    OrganisationFactory,
    UserFactory,
)


@pytest.fixture
def published_edition(db):
    return GuidebookEditionFactory(status=EditionStatus.PUBLISHED, label="2021")


@pytest.fixture
def drafting_edition(db):
    return GuidebookEditionFactory(status=EditionStatus.DRAFTING, label="Draft 2019")


@pytest.fixture
def lead_org(db):
    return OrganisationFactory(name="Lead Institute", acronym="LEAD", slug="lead")


@pytest.fixture
def group_org(db):
    return OrganisationFactory(name="10-Member Group", acronym="10MG", slug="10mg")


@pytest.fixture
def lead_user(lead_org):
    return UserFactory(username="lead", roles=[Role.ADVISORY_GROUP], organisation=lead_org)


@pytest.fixture
def invited_user(db):
    return UserFactory(username="invited", roles=[Role.REVIEWER])


@pytest.fixture
def group_member(group_org):
    return UserFactory(username="member", roles=[Role.ADVISORY_GROUP], organisation=group_org)


@pytest.fixture
def outsider(db):
    return UserFactory(username="outsider", roles=[Role.ADVISORY_GROUP])


@pytest.fixture
def staff(db):
    return UserFactory(username="staff", roles=[Role.SECRETARIAT])


@pytest.fixture
def chapter(drafting_edition, lead_org, invited_user, group_org):
    """A chapter being drafted, led by LEAD, with one person and one organisation invited."""
    chapter = ChapterFactory(edition=drafting_edition, number=1, lead_organisation=lead_org)
    InvitationFactory(chapter=chapter, user=invited_user)
    InvitationFactory(chapter=chapter, organisation=group_org)
    return chapter


@pytest.fixture
def draft(chapter):
    return ChapterDraftFactory(
        chapter=chapter, number=1, text="# Guidelines\n\n## Scope\n\nFirst text.\n"
    )
