"""The API's permission table: every routed endpoint x method x role, and a check that no
route is missing from it.

Roles (columns, in order, the web tables' order of tests/matrix.py `ROLES` with the
secretariat asked once more by token): anonymous, secretariat by session, secretariat by
token, reviewer, focal point of the object's country (Ghana, session), focal point of another
country (Kenya, session), advisory-group member, partner (token). Rows written in the former
order (anonymous, partner, focal_own, focal_other, reviewer, advisory, secretariat,
secretariat by token) convert with `python -m tests.api.reorder_columns <file>`.
401 = no credentials; 403 = may read, may not write; 404 = outside scope (or no such file);
405 = the resource has no such method; 409 = the workflow refuses the move; 400 for an
upload naming a roadmap outside the caller's scope (the same answer as for an id that does not
exist). Keys starting with `new_` make a fresh object for every call (routes that change state).
"""

from __future__ import annotations

import pytest
from django.urls import get_resolver, reverse
from rest_framework.views import APIView

from tests.api.conftest import MULTIPART, ROLES, payload_for

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_rate_counting(monkeypatch):
    """The table asks who may do what, thousands of times: rate limits are not its question
    (tests/api/test_api.py has them answer 429), and with the tests' generous rates none is
    ever reached. Counting each call would still cost a Redis round trip a request, for an
    answer that cannot change."""
    monkeypatch.setattr(APIView, "get_throttles", lambda view: [])


METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")

ALL_READ = (401, 200, 200, 200, 200, 200, 200, 200)
PUBLIC = (200, 200, 200, 200, 200, 200, 200, 200)  # schema and docs: no credentials needed
OWN_COUNTRY = (401, 200, 200, 404, 200, 404, 404, 404)
STAFF_ONLY = (401, 200, 200, 404, 404, 404, 404, 404)
NOT_ALLOWED = (401, 405, 405, 405, 405, 405, 405, 405)
NOT_ALLOWED_PUBLIC = (405, 405, 405, 405, 405, 405, 405, 405)
CREATE = (401, 201, 201, 403, 403, 403, 403, 403)
CHANGE = (401, 200, 200, 403, 403, 403, 403, 403)
CHANGE_OWN_COUNTRY = (401, 200, 200, 404, 403, 404, 404, 404)
CHANGE_STAFF_ONLY = (401, 200, 200, 404, 404, 404, 404, 404)
# The secretariat's working list of a meeting everyone sees: a 403 for the others.
STAFF_WRITE_VISIBLE = (401, 200, 200, 403, 403, 403, 403, 403)
# Assessments: partners see finalised ones of published versions (Kenya's here); focal points
# their own country's once decided; the advisory group, like partners, published ones only
# (it reads no scorecard of a version it may not open); reviewers none.
# What is published is published for every role (issue 9, item 14).
ASSESSMENT_PUBLISHED = (401, 200, 200, 200, 200, 200, 200, 200)
ASSESSMENT_OWN_DECIDED = (401, 200, 200, 404, 200, 404, 404, 404)
# Guidebook: a chapter Ghana's focal point is invited to; commenting (400: a draft outside the
# caller's invitations is refused like an unknown id; 403: partners read only).
GUIDEBOOK_INVITED = (401, 200, 200, 404, 200, 404, 404, 404)
GUIDEBOOK_COMMENT = (401, 201, 201, 400, 201, 400, 400, 403)

# Meetings still being planned (not public): the advisory group reads them, as it guides EGMs.
PLANNING = (401, 200, 200, 404, 404, 404, 200, 404)
CHANGE_PLANNING = (401, 200, 200, 404, 404, 404, 403, 404)
# Planning comments: the advisory group and the secretariat write them.
COMMENT_CREATE = (401, 201, 201, 403, 403, 403, 201, 403)
# The country's own, and the reviewer really assigned to it (issue 9).
OWN_COUNTRY_AND_REVIEWER = (401, 200, 200, 200, 200, 404, 404, 404)

# What a country keeps of its own record: its focal points (Ghana's here) and the secretariat.
KEEP_CREATE = (401, 201, 201, 403, 201, 400, 403, 403)
KEEP_CHANGE = (401, 200, 200, 404, 200, 404, 404, 404)
KEEP_DELETE = (401, 204, 204, 404, 204, 404, 404, 404)

# (route name, method, object key or None) -> expected status per role, in ROLES order.
MATRIX: dict[tuple[str, str, str | None], tuple[int, ...]] = {
    ("api:root", "GET", None): ALL_READ,
    ("api:schema", "GET", None): PUBLIC,
    ("api:docs", "GET", None): PUBLIC,
    # Organisations: everyone reads; the secretariat writes.
    ("api:organisation-list", "GET", None): ALL_READ,
    ("api:organisation-list", "POST", None): CREATE,
    ("api:organisation-detail", "GET", "organisation"): ALL_READ,
    ("api:organisation-detail", "PUT", "organisation"): CHANGE,
    ("api:organisation-detail", "PATCH", "organisation"): CHANGE,
    ("api:organisation-export", "GET", None): ALL_READ,
    # Milestones: public ones for everyone, a country's to its focal points.
    ("api:milestone-list", "GET", None): ALL_READ,
    ("api:milestone-list", "POST", None): CREATE,
    ("api:milestone-detail", "GET", "milestone_public"): ALL_READ,
    ("api:milestone-detail", "GET", "milestone_own"): OWN_COUNTRY,
    ("api:milestone-detail", "PUT", "milestone_public"): CHANGE,
    ("api:milestone-detail", "PATCH", "milestone_public"): CHANGE,
    ("api:milestone-detail", "PATCH", "milestone_own"): CHANGE_OWN_COUNTRY,
    ("api:milestone-export", "GET", None): ALL_READ,
    # Reference data and programme information: everyone signed in reads.
    ("api:region-list", "GET", None): ALL_READ,
    ("api:region-detail", "GET", "region"): ALL_READ,
    ("api:region-export", "GET", None): ALL_READ,
    ("api:country-list", "GET", None): ALL_READ,
    ("api:country-detail", "GET", "country"): ALL_READ,
    ("api:country-export", "GET", None): ALL_READ,
    ("api:pilot-list", "GET", None): ALL_READ,
    ("api:pilot-detail", "GET", "pilot"): ALL_READ,
    ("api:pilot-export", "GET", None): ALL_READ,
    ("api:goal-list", "GET", None): ALL_READ,
    ("api:goal-detail", "GET", "goal"): ALL_READ,
    ("api:goal-export", "GET", None): ALL_READ,
    ("api:target-list", "GET", None): ALL_READ,
    ("api:target-detail", "GET", "target"): ALL_READ,
    ("api:target-export", "GET", None): ALL_READ,
    ("api:rubric-list", "GET", None): ALL_READ,
    ("api:rubric-detail", "GET", "rubric"): ALL_READ,
    ("api:rubric-export", "GET", None): ALL_READ,
    ("api:criterion-list", "GET", None): ALL_READ,
    ("api:criterion-detail", "GET", "criterion"): ALL_READ,
    ("api:criterion-export", "GET", None): ALL_READ,
    # Roadmaps and versions: published for everyone, unpublished for their country and staff.
    ("api:roadmap-list", "GET", None): ALL_READ,
    ("api:roadmap-detail", "GET", "roadmap_published"): ALL_READ,
    # The reviewer is assigned a version of this roadmap, so reaches the roadmap too.
    ("api:roadmap-detail", "GET", "roadmap_draft_own"): OWN_COUNTRY_AND_REVIEWER,
    ("api:roadmap-export", "GET", None): ALL_READ,
    ("api:roadmap-version-list", "GET", None): ALL_READ,
    ("api:roadmap-version-detail", "GET", "version_published"): ALL_READ,
    ("api:roadmap-version-detail", "GET", "version_draft_own"): OWN_COUNTRY,
    ("api:roadmap-version-file", "GET", "version_published"): ALL_READ,
    ("api:roadmap-version-file", "GET", "version_draft_own"): OWN_COUNTRY,
    ("api:roadmap-version-export", "GET", None): ALL_READ,
    # Uploads: focal points to their own country's roadmap, the secretariat to any; Kenya's
    # focal point names a roadmap it cannot see, which is an invalid id (400), not a 404.
    ("api:roadmap-version-list", "POST", None): (401, 201, 201, 403, 201, 400, 403, 403),
    # Submitting a fresh draft of Ghana's roadmap: its focal points and the secretariat.
    ("api:roadmap-version-transition", "POST", "new_draft_own"): (
        (401, 200, 200, 404, 200, 404, 404, 404)
    ),
    # Submitting Kenya's published version: Kenya's focal point and the secretariat may try,
    # and the workflow refuses (409); Ghana's focal point may read it but not move it (403).
    ("api:roadmap-version-transition", "POST", "version_published"): (
        (401, 409, 409, 403, 403, 409, 403, 403)
    ),
    # Assessments and their scorecards.
    ("api:assessment-list", "GET", None): ALL_READ,
    ("api:assessment-detail", "GET", "assessment_published"): ASSESSMENT_PUBLISHED,
    ("api:assessment-detail", "GET", "assessment_returned_own"): ASSESSMENT_OWN_DECIDED,
    ("api:assessment-detail", "GET", "assessment_open_own"): STAFF_ONLY,
    ("api:assessment-export", "GET", None): ALL_READ,
    # Pilot status moves: the secretariat's alone.
    ("api:pilot-transition", "POST", "new_pilot"): (401, 200, 200, 403, 403, 403, 403, 403),
    # Meetings: public ones for everyone; the secretariat writes and sees private ones.
    ("api:meeting-list", "GET", None): ALL_READ,
    ("api:meeting-list", "POST", None): CREATE,
    ("api:meeting-detail", "GET", "meeting_public"): ALL_READ,
    ("api:meeting-detail", "GET", "meeting_private"): PLANNING,
    ("api:meeting-detail", "PUT", "meeting_public"): CHANGE,
    ("api:meeting-detail", "PATCH", "meeting_public"): CHANGE,
    ("api:meeting-detail", "PATCH", "meeting_private"): CHANGE_PLANNING,
    ("api:meeting-export", "GET", None): ALL_READ,
    ("api:advisory-membership-list", "GET", None): ALL_READ,
    ("api:advisory-membership-detail", "GET", "advisory_membership"): ALL_READ,
    ("api:advisory-membership-export", "GET", None): ALL_READ,
    # --- Guidebook: published editions for everyone signed in (partners included); the rest for
    # the secretariat and for each chapter's invited contributors and leads (Ghana's focal point
    # is invited to `chapter_invited`); comments are never public.
    ("api:guidebook-edition-list", "GET", None): ALL_READ,
    ("api:guidebook-edition-detail", "GET", "edition"): ALL_READ,
    ("api:guidebook-edition-detail", "GET", "edition_private"): STAFF_ONLY,
    ("api:guidebook-edition-export", "GET", None): ALL_READ,
    ("api:chapter-list", "GET", None): ALL_READ,
    ("api:chapter-detail", "GET", "chapter_public"): ALL_READ,
    ("api:chapter-detail", "GET", "chapter_private"): STAFF_ONLY,
    ("api:chapter-detail", "GET", "chapter_invited"): GUIDEBOOK_INVITED,
    ("api:chapter-export", "GET", None): ALL_READ,
    ("api:guidebook-draft-list", "GET", None): ALL_READ,
    ("api:guidebook-draft-detail", "GET", "draft_public"): ALL_READ,
    ("api:guidebook-draft-detail", "GET", "draft_invited"): GUIDEBOOK_INVITED,
    ("api:guidebook-draft-export", "GET", None): ALL_READ,
    ("api:guidebook-draft-diff", "GET", "draft_public"): ALL_READ,
    ("api:guidebook-draft-diff", "GET", "draft_invited"): GUIDEBOOK_INVITED,
    ("api:guidebook-comment-list", "GET", None): ALL_READ,
    ("api:guidebook-comment-list", "POST", None): GUIDEBOOK_COMMENT,
    ("api:guidebook-comment-detail", "GET", "comment_invited"): GUIDEBOOK_INVITED,
    ("api:guidebook-comment-export", "GET", None): ALL_READ,
    ("api:guidebook-outline-version-list", "GET", None): ALL_READ,
    ("api:guidebook-outline-version-detail", "GET", "outline_public"): ALL_READ,
    ("api:guidebook-outline-version-detail", "GET", "outline_invited"): GUIDEBOOK_INVITED,
    ("api:guidebook-outline-version-export", "GET", None): ALL_READ,
    ("api:guidebook-background-paper-list", "GET", None): ALL_READ,
    ("api:guidebook-background-paper-detail", "GET", "paper"): ALL_READ,
    ("api:guidebook-background-paper-export", "GET", None): ALL_READ,
    # Meetings' records (egm): scoped through their meeting; contacts for the secretariat only.
    ("api:meeting-participants-import", "POST", "egm_meeting"): (
        (401, 200, 200, 403, 403, 403, 403, 403)
    ),
    ("api:meeting-participant-list", "GET", None): ALL_READ,
    ("api:meeting-participant-list", "POST", None): CREATE,
    # Names are the secretariat's, but for those who chose to be listed to the reader
    # (egm.rules.participant_visible_q): anyone else's id is a 404, visible meeting or not.
    ("api:meeting-participant-detail", "GET", "participant"): STAFF_ONLY,
    ("api:meeting-participant-detail", "GET", "participant_to_partners"): (
        (401, 200, 200, 404, 404, 404, 404, 200)
    ),
    ("api:meeting-participant-detail", "GET", "participant_to_users"): (
        (401, 200, 200, 200, 200, 200, 200, 404)
    ),
    # Reading a listed name is not changing it.
    ("api:meeting-participant-detail", "PATCH", "participant_to_partners"): (
        (401, 200, 200, 404, 404, 404, 404, 403)
    ),
    ("api:meeting-participant-detail", "GET", "participant_private"): STAFF_ONLY,
    ("api:meeting-participant-detail", "PUT", "participant"): CHANGE_STAFF_ONLY,
    ("api:meeting-participant-detail", "PATCH", "participant"): CHANGE_STAFF_ONLY,
    ("api:meeting-participant-detail", "PATCH", "participant_private"): CHANGE_STAFF_ONLY,
    ("api:meeting-participant-detail", "DELETE", "new_participant"): (
        (401, 204, 204, 404, 404, 404, 404, 404)
    ),
    ("api:meeting-participant-export", "GET", None): ALL_READ,
    # Invitations, attendance and registration: the secretariat's; the advisory group sees
    # the meeting being planned but keeps none of it (403).
    ("api:meeting-invitations", "GET", "meeting_upcoming"): STAFF_WRITE_VISIBLE,
    ("api:meeting-invitations", "GET", "meeting_private"): CHANGE_PLANNING,
    ("api:meeting-invitations", "POST", "meeting_upcoming"): CREATE,
    # That planning meeting's dates are past: nobody is invited to a meeting that is over.
    ("api:meeting-invitations", "POST", "meeting_private"): (
        (401, 400, 400, 404, 404, 404, 403, 404)
    ),
    ("api:meeting-attendance", "POST", "egm_meeting"): CHANGE,
    ("api:meeting-registration", "POST", "meeting_upcoming"): CHANGE,
    # An invitation is answered by the person invited (Ghana's focal point here) or, for
    # them, the secretariat; a name listed to the reader is not theirs to answer for (403).
    ("api:meeting-participant-answer", "POST", "participant_answer_own"): (
        (401, 200, 200, 404, 200, 404, 404, 404)
    ),
    ("api:meeting-participant-answer", "POST", "participant_to_users"): (
        (401, 200, 200, 403, 403, 403, 403, 404)
    ),
    ("api:meeting-session-list", "GET", None): ALL_READ,
    ("api:meeting-session-list", "POST", None): CREATE,
    ("api:meeting-session-detail", "GET", "session"): ALL_READ,
    ("api:meeting-session-detail", "PUT", "session"): CHANGE,
    ("api:meeting-session-detail", "PATCH", "session"): CHANGE,
    ("api:meeting-session-export", "GET", None): ALL_READ,
    ("api:meeting-document-list", "GET", None): ALL_READ,
    ("api:meeting-document-list", "POST", None): CREATE,
    ("api:meeting-document-detail", "GET", "document"): ALL_READ,
    ("api:meeting-document-versions", "POST", "document"): CREATE,
    ("api:meeting-document-export", "GET", None): ALL_READ,
    ("api:meeting-document-version-list", "GET", None): ALL_READ,
    ("api:meeting-document-version-detail", "GET", "document_version"): ALL_READ,
    ("api:meeting-document-version-file", "GET", "document_version_file"): ALL_READ,
    ("api:meeting-document-version-file", "GET", "document_version"): (
        (401, 404, 404, 404, 404, 404, 404, 404)
    ),
    ("api:meeting-document-version-export", "GET", None): ALL_READ,
    ("api:meeting-outcome-list", "GET", None): ALL_READ,
    ("api:meeting-outcome-list", "POST", None): CREATE,
    ("api:meeting-outcome-detail", "GET", "outcome"): ALL_READ,
    ("api:meeting-outcome-detail", "PUT", "outcome"): CHANGE,
    ("api:meeting-outcome-detail", "PATCH", "outcome"): CHANGE,
    ("api:meeting-outcome-export", "GET", None): ALL_READ,
    ("api:meeting-action-list", "GET", None): ALL_READ,
    ("api:meeting-action-list", "POST", None): CREATE,
    ("api:meeting-action-detail", "GET", "action_item"): ALL_READ,
    ("api:meeting-action-detail", "PUT", "action_item"): CHANGE,
    ("api:meeting-action-detail", "PATCH", "action_item"): CHANGE,
    # Its owner (here the advisory-group member) reports progress on an action item.
    ("api:meeting-action-detail", "PATCH", "action_item_advisory"): (
        (401, 200, 200, 403, 403, 403, 200, 403)
    ),
    ("api:meeting-action-export", "GET", None): ALL_READ,
    ("api:meeting-comment-list", "GET", None): ALL_READ,
    ("api:meeting-comment-list", "POST", None): COMMENT_CREATE,
    ("api:meeting-comment-detail", "GET", "comment"): PLANNING,
    ("api:meeting-comment-export", "GET", None): ALL_READ,
    ("api:regional-track-list", "GET", None): ALL_READ,
    ("api:regional-track-detail", "GET", "track"): ALL_READ,
    ("api:regional-track-export", "GET", None): ALL_READ,
    ("api:meeting-series-list", "GET", None): ALL_READ,
    ("api:meeting-series-detail", "GET", "series"): ALL_READ,
    ("api:meeting-series-export", "GET", None): ALL_READ,
    ("api:meeting-theme-list", "GET", None): ALL_READ,
    ("api:meeting-theme-detail", "GET", "theme"): ALL_READ,
    ("api:meeting-theme-export", "GET", None): ALL_READ,
    ("api:advisory-responsibility-list", "GET", None): ALL_READ,
    ("api:advisory-responsibility-detail", "GET", "advisory_responsibility"): ALL_READ,
    ("api:advisory-responsibility-export", "GET", None): ALL_READ,
    # Work programme: components and the trust fund's totals for everyone signed in; the support
    # landscape of announced pilots for everyone, of unannounced ones for the secretariat.
    ("api:component-list", "GET", None): ALL_READ,
    ("api:component-detail", "GET", "component"): ALL_READ,
    ("api:component-export", "GET", None): ALL_READ,
    ("api:support-list", "GET", None): ALL_READ,
    ("api:support-detail", "GET", "support_announced"): ALL_READ,
    ("api:support-detail", "GET", "support_unannounced"): STAFF_ONLY,
    ("api:support-export", "GET", None): ALL_READ,
    ("api:trust-fund-total-list", "GET", None): ALL_READ,
    **{
        (name, method, key): NOT_ALLOWED
        for name, key in [
            ("api:component-list", None),
            ("api:component-detail", "component"),
            ("api:component-export", None),
            ("api:support-list", None),
            ("api:support-detail", "support_announced"),
            ("api:support-export", None),
            ("api:trust-fund-total-list", None),
        ]
        for method in ("POST", "PUT", "PATCH", "DELETE")
    },
    # --- What a country keeps of its own record (issue 23): Ghana's focal point writes
    # Ghana's, Kenya's names a record it does not keep (400 like an unknown id, or 404 for an
    # address), roles that keep no country's record may not write (403, 404 on an address).
    ("api:pilot-step-list", "GET", None): ALL_READ,
    ("api:pilot-step-list", "POST", None): KEEP_CREATE,
    ("api:pilot-step-detail", "GET", "pilot_step_own"): ALL_READ,
    ("api:pilot-step-detail", "PATCH", "pilot_step_own"): KEEP_CHANGE,
    ("api:pilot-step-detail", "PUT", "pilot_step_own"): KEEP_CHANGE,
    # A pilot nobody in the table keeps but the secretariat.
    ("api:pilot-step-detail", "PATCH", "pilot_step_nobodys"): CHANGE_STAFF_ONLY,
    ("api:pilot-step-export", "GET", None): ALL_READ,
    ("api:task-team-person-list", "GET", None): ALL_READ,
    ("api:task-team-person-list", "POST", None): KEEP_CREATE,
    ("api:task-team-person-detail", "GET", "person_own"): ALL_READ,
    ("api:task-team-person-detail", "DELETE", "new_person_own"): KEEP_DELETE,
    ("api:task-team-person-export", "GET", None): ALL_READ,
    ("api:roadmap-target-list", "GET", None): ALL_READ,
    ("api:roadmap-target-list", "POST", None): KEEP_CREATE,
    ("api:roadmap-target-detail", "GET", "roadmap_target_own"): OWN_COUNTRY_AND_REVIEWER,
    ("api:roadmap-target-detail", "DELETE", "new_roadmap_target_own"): KEEP_DELETE,
    ("api:roadmap-target-export", "GET", None): ALL_READ,
    ("api:target-link-list", "GET", None): ALL_READ,
    ("api:target-link-list", "POST", None): KEEP_CREATE,
    ("api:target-link-detail", "GET", "target_link_own"): OWN_COUNTRY,
    ("api:target-link-detail", "DELETE", "new_target_link_own"): KEEP_DELETE,
    ("api:target-link-export", "GET", None): ALL_READ,
    ("api:public-release-consent-list", "GET", None): ALL_READ,
    ("api:public-release-consent-list", "POST", None): KEEP_CREATE,
    ("api:public-release-consent-detail", "GET", "consent_own"): OWN_COUNTRY,
    ("api:public-release-consent-withdraw", "POST", "new_consent_own"): KEEP_CHANGE,
    ("api:public-release-consent-export", "GET", None): ALL_READ,
    ("api:feedback-reply-list", "GET", None): ALL_READ,
    ("api:feedback-reply-list", "POST", None): KEEP_CREATE,
    ("api:feedback-reply-detail", "GET", "reply_own"): OWN_COUNTRY,
    ("api:feedback-reply-export", "GET", None): ALL_READ,
    ("api:country-record-list", "GET", None): ALL_READ,
    ("api:country-record-list", "POST", None): KEEP_CREATE,
    ("api:country-record-detail", "GET", "country_record"): ALL_READ,
    ("api:country-record-export", "GET", None): ALL_READ,
    ("api:peer-exchange-request-list", "GET", None): ALL_READ,
    ("api:peer-exchange-request-list", "POST", None): KEEP_CREATE,
    ("api:peer-exchange-request-detail", "GET", "exchange_request_own"): OWN_COUNTRY,
    ("api:peer-exchange-request-export", "GET", None): ALL_READ,
    # --- Review workflow (issue 9): the reviewer column has a real assignment -------------
    # An assigned reviewer reads the version and downloads its file, as on the web page.
    ("api:roadmap-version-detail", "GET", "version_assigned"): OWN_COUNTRY_AND_REVIEWER,
    ("api:roadmap-version-file", "GET", "version_assigned"): OWN_COUNTRY_AND_REVIEWER,
}

# Methods each route does not have: 405 for everyone signed in (401 first where signing in is
# required). Listed, not derived, so a route that gains a method must be looked at again.
NOT_ALLOWED_METHODS: dict[tuple[str, str | None], str] = {
    ("api:root", None): "POST PUT PATCH DELETE",
    ("api:organisation-list", None): "PUT PATCH DELETE",
    ("api:organisation-detail", "organisation"): "POST DELETE",
    ("api:organisation-export", None): "POST PUT PATCH DELETE",
    ("api:milestone-list", None): "PUT PATCH DELETE",
    ("api:milestone-detail", "milestone_public"): "POST DELETE",
    ("api:milestone-export", None): "POST PUT PATCH DELETE",
    ("api:meeting-list", None): "PUT PATCH DELETE",
    ("api:meeting-detail", "meeting_public"): "POST DELETE",
    ("api:meeting-export", None): "POST PUT PATCH DELETE",
    ("api:roadmap-version-file", "version_published"): "POST PUT PATCH DELETE",
    ("api:roadmap-version-list", None): "PUT PATCH DELETE",
    ("api:roadmap-version-transition", "version_published"): "GET PUT PATCH DELETE",
    ("api:pilot-transition", "pilot"): "GET PUT PATCH DELETE",
    # Meetings' records (egm).
    ("api:meeting-participants-import", "egm_meeting"): "GET PUT PATCH DELETE",
    ("api:meeting-invitations", "meeting_upcoming"): "PUT PATCH DELETE",
    ("api:meeting-attendance", "egm_meeting"): "GET PUT PATCH DELETE",
    ("api:meeting-registration", "meeting_upcoming"): "GET PUT PATCH DELETE",
    ("api:meeting-participant-answer", "participant_answer_own"): "GET PUT PATCH DELETE",
    ("api:meeting-participant-list", None): "PUT PATCH DELETE",
    ("api:meeting-participant-detail", "participant"): "POST",
    ("api:meeting-participant-export", None): "POST PUT PATCH DELETE",
    ("api:meeting-session-list", None): "PUT PATCH DELETE",
    ("api:meeting-session-detail", "session"): "POST DELETE",
    ("api:meeting-session-export", None): "POST PUT PATCH DELETE",
    ("api:meeting-document-list", None): "PUT PATCH DELETE",
    ("api:meeting-document-detail", "document"): "POST PUT PATCH DELETE",
    ("api:meeting-document-versions", "document"): "GET PUT PATCH DELETE",
    ("api:meeting-document-export", None): "POST PUT PATCH DELETE",
    ("api:meeting-document-version-file", "document_version_file"): "POST PUT PATCH DELETE",
    ("api:meeting-outcome-list", None): "PUT PATCH DELETE",
    ("api:meeting-outcome-detail", "outcome"): "POST DELETE",
    ("api:meeting-outcome-export", None): "POST PUT PATCH DELETE",
    ("api:meeting-action-list", None): "PUT PATCH DELETE",
    ("api:meeting-action-detail", "action_item"): "POST DELETE",
    ("api:meeting-action-export", None): "POST PUT PATCH DELETE",
    ("api:meeting-comment-list", None): "PUT PATCH DELETE",
    ("api:meeting-comment-detail", "comment"): "POST PUT PATCH DELETE",
    ("api:meeting-comment-export", None): "POST PUT PATCH DELETE",
}
# What a country keeps: created (and some changed or removed), never otherwise.
for _basename, _key, _detail_methods in [
    ("pilot-step", "pilot_step_own", "POST DELETE"),
    ("task-team-person", "person_own", "POST PUT PATCH"),
    ("roadmap-target", "roadmap_target_own", "POST PUT PATCH"),
    ("target-link", "target_link_own", "POST PUT PATCH"),
    ("public-release-consent", "consent_own", "POST PUT PATCH DELETE"),
    ("feedback-reply", "reply_own", "POST PUT PATCH DELETE"),
    ("country-record", "country_record", "POST PUT PATCH DELETE"),
    ("peer-exchange-request", "exchange_request_own", "POST PUT PATCH DELETE"),
]:
    NOT_ALLOWED_METHODS[(f"api:{_basename}-list", None)] = "PUT PATCH DELETE"
    NOT_ALLOWED_METHODS[(f"api:{_basename}-detail", _key)] = _detail_methods
    NOT_ALLOWED_METHODS[(f"api:{_basename}-export", None)] = "POST PUT PATCH DELETE"
NOT_ALLOWED_METHODS[("api:public-release-consent-withdraw", "consent_own")] = "GET PUT PATCH DELETE"
# Read-only resources: no unsafe method anywhere.
READ_ONLY = [
    ("region", "region"),
    ("country", "country"),
    ("pilot", "pilot"),
    ("goal", "goal"),
    ("target", "target"),
    ("rubric", "rubric"),
    ("criterion", "criterion"),
    ("roadmap", "roadmap_published"),
    ("assessment", "assessment_published"),
    ("advisory-membership", "advisory_membership"),
    ("guidebook-edition", "edition"),
    ("chapter", "chapter_public"),
    ("guidebook-draft", "draft_public"),
    ("guidebook-outline-version", "outline_public"),
    ("guidebook-background-paper", "paper"),
    ("meeting-document-version", "document_version"),
    ("regional-track", "track"),
    ("meeting-series", "series"),
    ("meeting-theme", "theme"),
    ("advisory-responsibility", "advisory_responsibility"),
]
for _basename, _detail_key in READ_ONLY:
    for _kind, _key in [("list", None), ("detail", _detail_key), ("export", None)]:
        NOT_ALLOWED_METHODS[(f"api:{_basename}-{_kind}", _key)] = "POST PUT PATCH DELETE"
# Versions are created (uploaded) but never changed or deleted through the API.
NOT_ALLOWED_METHODS[("api:roadmap-version-detail", "version_published")] = "POST PUT PATCH DELETE"
NOT_ALLOWED_METHODS[("api:roadmap-version-export", None)] = "POST PUT PATCH DELETE"
NOT_ALLOWED_METHODS[("api:guidebook-draft-diff", "draft_public")] = "POST PUT PATCH DELETE"
# Comments are posted but never changed or deleted through the API.
NOT_ALLOWED_METHODS[("api:guidebook-comment-list", None)] = "PUT PATCH DELETE"
NOT_ALLOWED_METHODS[("api:guidebook-comment-detail", "comment_invited")] = "POST PUT PATCH DELETE"
NOT_ALLOWED_METHODS[("api:guidebook-comment-export", None)] = "POST PUT PATCH DELETE"
# Monitoring: read-only. Partners read what is published and only approved updates; a
# country's focal points its own drafts too (Kenya's here is `focal_other`).
MONITORING_DRAFT_OTHER = (401, 200, 200, 404, 404, 200, 404, 404)
for _basename, _published, _own in [
    ("sdg-indicator", "sdg_indicator", None),
    ("results-framework", "results_framework_published", "results_framework_own"),
    ("results-indicator", "results_indicator_published", "results_indicator_own"),
    ("reporting-period", "reporting_period_published", "reporting_period_own"),
    ("country-update", "country_update_approved", "country_update_own"),
]:
    MATRIX[(f"api:{_basename}-list", "GET", None)] = ALL_READ
    MATRIX[(f"api:{_basename}-export", "GET", None)] = ALL_READ
    MATRIX[(f"api:{_basename}-detail", "GET", _published)] = ALL_READ
    if _own:
        MATRIX[(f"api:{_basename}-detail", "GET", _own)] = OWN_COUNTRY
    for _kind, _key in [("list", None), ("detail", _published), ("export", None)]:
        NOT_ALLOWED_METHODS[(f"api:{_basename}-{_kind}", _key)] = "POST PUT PATCH DELETE"
MATRIX[("api:country-update-detail", "GET", "country_update_draft_published")] = (
    MONITORING_DRAFT_OTHER
)
MATRIX[("api:results-framework-iati", "GET", "results_framework_published")] = ALL_READ
MATRIX[("api:results-framework-iati", "GET", "results_framework_own")] = OWN_COUNTRY
NOT_ALLOWED_METHODS[("api:results-framework-iati", "results_framework_published")] = (
    "POST PUT PATCH DELETE"
)
for (_name, _key), _methods in NOT_ALLOWED_METHODS.items():
    for _method in _methods.split():
        MATRIX[(_name, _method, _key)] = NOT_ALLOWED
for _name in ("api:schema", "api:docs"):
    for _method in ("POST", "PUT", "PATCH", "DELETE"):
        MATRIX[(_name, _method, None)] = NOT_ALLOWED_PUBLIC


def _call(client, method: str, url: str, body: dict | None, *, multipart: bool = False):
    if method == "GET":
        return client.get(url)
    if method == "DELETE":
        return client.delete(url)
    if multipart:
        return client.post(url, data=body or {})
    return getattr(client, method.lower())(url, data=body or {}, content_type="application/json")


def _rows_by_route() -> dict[str, list[tuple[str, str | None, tuple[int, ...]]]]:
    rows: dict[str, list] = {}
    for (name, method, key), expected in MATRIX.items():
        rows.setdefault(name, []).append((method, key, expected))
    return rows


# One test per route (its rows share the users and objects, which are slow to make); a failure
# lists every row of the route that differs.
@pytest.mark.parametrize(("name", "rows"), _rows_by_route().items(), ids=str)
def test_permission_matrix(name, rows, api_clients, api_objects):
    mismatches = []
    for method, key, expected in rows:
        got = []
        for role in ROLES:
            obj = api_objects[key] if key else None
            obj = obj() if callable(obj) else obj
            url = reverse(name, args=[obj.pk]) if obj is not None else reverse(name)
            body = payload_for(name, method, api_objects)
            multipart = (name, method) in MULTIPART
            response = _call(api_clients[role], method, url, body, multipart=multipart)
            got.append(response.status_code)
            if response.status_code >= 400 and response["Content-Type"] == "application/json":
                # Every error has the one shape, whatever its cause.
                assert response.json()["error"]["status"] == response.status_code
        if tuple(got) != expected:
            mismatches.append((method, key, dict(zip(ROLES, got, strict=True))))
    assert not mismatches, mismatches


def _api_route_names() -> set[str]:
    """Every URL name in the `api` namespace, from the resolver itself."""
    _prefix, namespace_resolver = get_resolver().namespace_dict["api"]
    return {f"api:{key}" for key in namespace_resolver.reverse_dict if isinstance(key, str)}


def test_every_api_route_and_method_is_in_the_matrix():
    routes = _api_route_names()
    assert "api:pilot-list" in routes and "api:roadmap-version-file" in routes
    covered = {(name, method) for name, method, _key in MATRIX}
    missing = sorted(
        f"{name} {method}" for name in routes for method in METHODS if (name, method) not in covered
    )
    assert not missing, f"Add these to the permission matrix: {missing}"
    unknown = sorted({name for name, _m, _k in MATRIX} - routes)
    assert not unknown, f"The matrix names routes that do not exist: {unknown}"


# Queries the shared objects may take to build (tests/api/conftest.py `build_api_objects`, once
# per module). Raise this knowingly, with the objects a new row needs: about 180 of them are
# the monitoring rows' frameworks, periods and updates (tests/monitoring/objects.py).
# 870 measured once a country's own record joined the table (its pilot steps, task team
# people, roadmap targets and target links, release consents and feedback replies) with the
# participants listed by their own consent; about 5% headroom above that.
API_WORLD_QUERY_BUDGET = 915


def test_the_shared_objects_stay_within_their_query_budget(api_world, db):
    assert 0 < api_world.queries <= API_WORLD_QUERY_BUDGET, (
        f"building the API table's objects took {api_world.queries} queries "
        f"(budget {API_WORLD_QUERY_BUDGET}): make them with fewer, or raise the budget knowingly"
    )


def test_every_row_is_asked_of_every_role():
    # (route, method, object) rows x columns, printed with -s for the record.
    print(f"API permission table: {len(MATRIX)} rows, {len(MATRIX) * len(ROLES)} (row, role) cases")
    assert all(len(expected) == len(ROLES) for expected in MATRIX.values())
