"""The audit history: django-simple-history keeps a full copy of a record at every change, with
who made it (from the request) and when.

The historical tables live in this app (`app="audit"`), so the tracked apps' model files and
migrations stay as they are. Role grants are a user's groups (tracked as a many-to-many field of
the user's history) and a focal point's link to a country.
"""

from django.contrib.auth import get_user_model
from django.db.models import ForeignKey
from django.utils.functional import cached_property
from simple_history import register
from simple_history.manager import HistoryDescriptor
from simple_history.models import HistoricalRecords
from simple_history.signals import (
    post_create_historical_m2m_records,
    pre_create_historical_m2m_records,
)
from simple_history.utils import get_m2m_field_name

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


class KeptHistoryDescriptor(HistoryDescriptor):
    """`record.history`, with its manager class made once. simple-history makes a new class
    at every access (`Manager.from_queryset`, which lists every method of the queryset), and
    it reaches the history through that access at every copy it saves."""

    @cached_property
    def _manager_class(self):
        return self.manager_class.from_queryset(self.queryset_class)

    def __get__(self, instance, owner):
        return self._manager_class(self.model, instance)


class AuditRecords(HistoricalRecords):
    """simple-history's records, without a query per copy of a user or a class made per
    copy, and without a copy for a save that changes nothing the copies keep.

    simple-history reads each many-to-many field's through model off
    `history_instance.instance`, which rebuilds the record from its copy and, where fields
    are left out of the copy (a user's password), reads them back with a query, at every copy
    (every save and every role given or taken). Here the through model is read off the
    record being saved, which is that record already; the rows copied are the same."""

    def finalize(self, sender, **kwargs):
        super().finalize(sender, **kwargs)
        made = sender.__dict__.get(self.manager_name)
        if isinstance(made, HistoryDescriptor) and not isinstance(made, KeptHistoryDescriptor):
            kept = KeptHistoryDescriptor(
                made.model, manager=made.manager_class, queryset=made.queryset_class
            )
            setattr(sender, self.manager_name, kept)

    def post_save(self, instance, created, using=None, update_fields=None, **kwargs):
        # A save of fields the copies leave out, and only those (a sign-in stamps the user's
        # `last_login`), would add a copy identical to the one before it: none is made,
        # unless the save gives a reason to record.
        left_out = set(self.excluded_fields)
        if (
            not created
            and update_fields
            and set(update_fields) <= left_out
            and not getattr(instance, "_change_reason", None)
        ):
            return
        super().post_save(instance, created, using=using, update_fields=update_fields, **kwargs)

    def create_historical_record_m2ms(self, history_instance, instance):
        for field in history_instance._history_m2m_fields:
            through = getattr(instance, field.name).through
            names = [f.name for f in through._meta.fields]
            foreign_keys = [f.name for f in through._meta.fields if isinstance(f, ForeignKey)]
            rows = through.objects.filter(**{get_m2m_field_name(field): instance}).select_related(
                *foreign_keys
            )
            m2m_model = self.m2m_models[field]
            copies = [
                m2m_model(history=history_instance, **{name: getattr(row, name) for name in names})
                for row in rows
            ]
            # simple-history's signals, as it sends them.
            about = {"history_instance": history_instance, "instance": instance, "field": field}
            pre_create_historical_m2m_records.send(sender=m2m_model, rows=copies, **about)
            created = m2m_model.objects.bulk_create(copies)
            post_create_historical_m2m_records.send(sender=m2m_model, created_rows=created, **about)


for _model, _excluded in TRACKED.items():
    register(_model, app="audit", excluded_fields=_excluded, records_class=AuditRecords)

register(
    get_user_model(),
    app="audit",
    excluded_fields=["password", "last_login", "calendar_token"],
    m2m_fields=["groups"],
    records_class=AuditRecords,
)


def tracked_models() -> list:
    """Every model with an audit history."""
    return [*TRACKED, get_user_model()]
