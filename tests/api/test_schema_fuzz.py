"""Property-based tests over the generated OpenAPI schema (schemathesis), run as each role:
no server error, and every response matches what the schema says."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from contextlib import contextmanager

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from config.wsgi import application
from egm.services import action_item_add, outcome_add
from pilots.models import Pilot
from tests.factories import (
    AgendaSessionFactory,
    MeetingFactory,
    MilestoneFactory,
    OrganisationFactory,
    ParticipantFactory,
    PilotFactory,
    ReviewAssignmentFactory,
    RoadmapFactory,
    RoadmapVersionFactory,
    api_token_for,
    finalised_assessment,
    meeting_document,
)

# A group of their own (tests/conftest.py, `xdist_group_for`): the six runs take minutes
# between them, as much as the other slow tests together.
pytestmark = [pytest.mark.django_db, pytest.mark.slow, pytest.mark.xdist_group("schema-fuzz")]

# Few examples per operation, the same ones every run, so the suite stays quick and steady:
# every operation is still called (more than once), and each call is checked in full, which
# sends two or three requests of its own (without credentials, another method...).
EXAMPLES_PER_OPERATION = 3
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


def fuzz_operations(raw, user, *, methods, examples, excluded=(), ids=None):
    """Calls each operation of the given methods with generated data as `user`; returns the
    failures (one line per operation), the statuses each operation answered (by its label)
    and how many operations there were.

    `ids` maps a path's first segment (`meetings`) to a row that exists: an operation on
    `/{id}/` is called on that row, so it reaches the permission check, the validation and
    the write rather than a 404 for a random id."""
    ids = ids or {}
    _token, key = api_token_for(user)
    schema = schemathesis.openapi.from_dict(raw)
    # Calls (and the checks that re-send them) go to the WSGI app in this process.
    schema.app = application
    schema.config.update(base_url="http://testserver")
    schema = schema.include(method=list(methods))
    # Schemathesis asks for gzip as HTTP libraries do, but its in-process (WSGI) calls do not
    # unpack a compressed answer; the compressed answers have their own tests
    # (tests/api/test_cache_gzip.py).
    headers = {"Authorization": f"Token {key}", "Accept-Encoding": "identity"}
    operations = [
        result.ok() for result in schema.get_all_operations() if result.ok().label not in excluded
    ]

    failures, statuses = [], defaultdict(list)
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=examples,
            derandomize=True,
            # Generation only: no shrinking of a failing example (the failure is reported as
            # found, with the request that caused it), no replay from an example database.
            phases=[Phase.generate],
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def check(case):
            segment = case.operation.path.removeprefix("/api/v1/").split("/")[0]
            if "id" in (case.path_parameters or {}) and segment in ids:
                case.path_parameters["id"] = ids[segment]
            # Excluded: generated data the schema allows but a rule refuses (a filter or a body
            # naming a row that does not exist, a move the workflow does not allow) answers a
            # documented 400/404/409; every other check (server errors, status codes, content
            # types, headers, response bodies against the schema) runs.
            response = case.call_and_validate(
                headers=headers, excluded_checks=[positive_data_acceptance]
            )
            statuses[case.operation.label].append(response.status_code)

        try:
            with connection_kept_open():
                check()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.label}: {exc}")
    return failures, statuses, len(operations)


@pytest.mark.parametrize("role", ROLE_USERS)
def test_get_operations_conform_to_the_schema(role, request, openapi_schema, some_rows):
    user = request.getfixturevalue(ROLE_USERS[role])
    failures, statuses, count = fuzz_operations(
        openapi_schema, user, methods=["GET"], examples=EXAMPLES_PER_OPERATION
    )
    assert count > 40
    assert not failures, "\n\n".join(failures)
    # Every operation was really called, and mostly answered with data.
    assert len(statuses) == count
    answered = [status for each in statuses.values() for status in each]
    assert answered.count(200) > count


WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]
# Writes change rows, so fewer examples each: enough to reach every operation's validation.
WRITE_EXAMPLES_PER_OPERATION = 2
# Write operations left out of the fuzzing, each with its reason (none at present).
WRITE_EXCLUSIONS: dict[str, str] = {}


@pytest.fixture
def rows_to_write(some_rows, ghana, secretariat_user, focal_point_user):
    """A row of each resource the writes name in their path."""
    meeting = MeetingFactory(is_public=True)
    document = meeting_document(meeting)
    outcome = outcome_add(actor=secretariat_user, meeting=meeting, title="Agreed next steps")
    action = action_item_add(
        actor=secretariat_user,
        meeting=meeting,
        outcome=outcome,
        title="Circulate the notes",
        owner=focal_point_user,
        due_on=dt.date(2030, 1, 15),
    )
    return {
        "meeting-outcomes": outcome.pk,
        "meeting-actions": action.pk,
        "meetings": meeting.pk,
        "meeting-participants": ParticipantFactory(meeting=meeting).pk,
        "meeting-sessions": AgendaSessionFactory(meeting=meeting).pk,
        "meeting-documents": document.pk,
        "milestones": MilestoneFactory(is_public=True).pk,
        "organisations": OrganisationFactory().pk,
        "pilots": Pilot.objects.get(country=ghana).pk,
        "roadmap-versions": RoadmapVersionFactory(
            roadmap=RoadmapFactory(country=ghana), status="submitted"
        ).pk,
    }


@pytest.mark.parametrize("role", ["secretariat", "focal_own"])
def test_write_operations_conform_to_the_schema(role, request, openapi_schema, rows_to_write):
    """Writes as the secretariat (who may make most of them) and as a focal point (who is
    refused most): no server error, and every answer, accepted or refused, is what the schema
    says."""
    user = request.getfixturevalue(ROLE_USERS[role])
    failures, statuses, count = fuzz_operations(
        openapi_schema,
        user,
        methods=WRITE_METHODS,
        examples=WRITE_EXAMPLES_PER_OPERATION,
        excluded=WRITE_EXCLUSIONS,
        ids=rows_to_write,
    )
    assert count >= 5
    assert not failures, "\n\n".join(failures)
    assert len(statuses) == count  # every operation was called
    assert not [status for each in statuses.values() for status in each if status >= 500]
