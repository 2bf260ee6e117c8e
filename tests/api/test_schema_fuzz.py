"""Property-based tests over the generated OpenAPI schema (schemathesis), run as each role:
no server error, and every response matches what the schema says."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from tests.factories import (
    MeetingFactory,
    MilestoneFactory,
    OrganisationFactory,
    PilotFactory,
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    api_token_for,
    finalised_assessment,
)

pytestmark = [pytest.mark.django_db, pytest.mark.slow]

# Few examples per operation, the same ones every run, so the suite stays quick and steady.
EXAMPLES_PER_OPERATION = 5
ROLE_USERS = {
    "partner": "partner_user",
    "focal_own": "focal_point_user",
    "reviewer": "reviewer_user",
    "secretariat": "secretariat_user",
}


@contextmanager
def connection_kept_open():
    """Like Django's test client: requests must not close the connection that holds the test's
    transaction (the raw WSGI handler would, at the start and end of every request)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def some_rows(ghana, kenya):
    roadmap = RoadmapFactory(country=ghana)
    published = RoadmapVersionFactory(roadmap=roadmap, status="published")
    # A scorecard with a score, a gap for insufficient information and a reviewer, so the
    # assessments' numbers, nulls and names are checked against the schema too.
    ReviewAssignmentFactory(version=published)
    finalised_assessment(published, {1: 3, 2: None, 4: 2.5}, show_reviewer_names=True)
    RoadmapVersionFactory(roadmap=RoadmapFactory(country=kenya))
    PilotFactory(country=ghana)
    OrganisationFactory()
    MilestoneFactory(is_public=True)
    MeetingFactory(is_public=True)


@pytest.mark.parametrize("role", ROLE_USERS)
def test_get_operations_conform_to_the_schema(role, request, client, some_rows):
    user = request.getfixturevalue(ROLE_USERS[role])
    _token, key = api_token_for(user)
    raw = client.get(
        "/api/v1/schema/", headers={"accept": "application/vnd.oai.openapi+json"}
    ).json()
    schema = schemathesis.openapi.from_dict(raw)
    # Calls (and the checks that re-send them) go to the WSGI app in this process.
    schema.app = application
    schema.config.update(base_url="http://testserver")
    schema = schema.include(method="GET")
    headers = {"Authorization": f"Token {key}"}
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40

    failures, statuses = [], []
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            derandomize=True,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            # Excluded: filters on related rows answer 400 for an id that does not exist, which
            # the schema documents; every other check (server errors, status codes, content
            # types, headers, response bodies against the schema) runs.
            response = case.call_and_validate(
                headers=headers, excluded_checks=[positive_data_acceptance]
            )
            statuses.append(response.status_code)

        try:
            with connection_kept_open():
                check()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")
    assert not failures, "\n\n".join(failures)
    # Every operation was really called, and mostly answered with data.
    assert len(statuses) >= len(operations)
    assert statuses.count(200) > len(operations)
