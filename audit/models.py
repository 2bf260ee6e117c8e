"""The audit history: django-simple-history keeps a full copy of a record at every change, with
who made it (from the request) and when.

The historical tables live in this app (`app="audit"`), so the tracked apps' model files and
migrations stay as they are. Role grants are a user's groups (tracked as a many-to-many field of
the user's history) and a focal point's link to a country.
"""

from django.contrib.auth import get_user_model
from simple_history import register

from egm.models import Meeting
from pilots.models import FocalPoint, Pilot, PilotStep, TaskTeamMember, TaskTeamPerson
from programme.models import ApiToken, Milestone
from roadmaps.models import (
    Assessment,
    FeedbackReply,
    PublicReleaseConsent,
    ReviewAssignment,
    Roadmap,
    RoadmapGoal,
    RoadmapTarget,
    RoadmapVersion,
    TargetLink,
)

# Fields left out of the copies: secrets, and values that change without anyone deciding.
TRACKED = {
    Pilot: [],
    Roadmap: [],
    RoadmapVersion: [],
    Assessment: [],
    Meeting: [],
    Milestone: [],
    ApiToken: ["key_hash", "last_used_at"],
    FocalPoint: [],
    # What a country keeps of its own record (its focal points or the secretariat for it).
    PilotStep: [],
    TaskTeamMember: [],
    TaskTeamPerson: [],
    RoadmapGoal: [],
    RoadmapTarget: [],
    TargetLink: [],
    PublicReleaseConsent: [],
    FeedbackReply: [],
    # Who was asked to review, and their answers (an outside expert's named in the reason).
    ReviewAssignment: ["link_nonce"],
}

for _model, _excluded in TRACKED.items():
    register(_model, app="audit", excluded_fields=_excluded)

register(
    get_user_model(),
    app="audit",
    excluded_fields=["password", "last_login", "calendar_token"],
    m2m_fields=["groups"],
)


def tracked_models() -> list:
    """Every model with an audit history."""
    return [*TRACKED, get_user_model()]
