from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoadmapsConfig(AppConfig):
    name = "roadmaps"

    def ready(self) -> None:
        from django.urls import reverse

        from programme.subjects import register_milestone_subject
        from roadmaps.rules import review_milestone_owners_hidden

        # A review's due date is a milestone; its reminders link to the reviewer's review page.
        register_milestone_subject(
            model="roadmaps.ReviewAssignment",
            accessor="review_assignment",
            label=_("Review assignment"),
            # An outside expert's has no page of theirs on the site: the assessment page's.
            url=lambda assignment: (
                reverse("roadmaps:review-edit", args=[assignment.pk])
                if assignment.reviewer_id
                else reverse("roadmaps:version-assessment", args=[assignment.version_id])
            ),
            # Blind review: who reviews a draft is named only where reviewer_names_visible says.
            owners_hidden=review_milestone_owners_hidden,
        )

        from programme.outbox import register_outbox_kind
        from roadmaps import notifications

        # Workflow and review emails go through the outbox; these write them when they go.
        register_outbox_kind(
            notifications.VERSION_TRANSITION, notifications.version_transition_email
        )
        register_outbox_kind(notifications.REVIEW_REQUESTED, notifications.review_assignment_email)

        from programme.notify import register_notification_kind

        # A reviewer declining (or declaring a conflict) is told to the secretariat.
        register_notification_kind(
            notifications.REVIEW_DECLINED,
            notifications.REVIEW_DECLINED_LABEL,
            notifications.review_declined_email,
        )
        # An outside expert's invitation carries their personal link: never muted.
        register_notification_kind(
            notifications.EXPERT_INVITED,
            notifications.EXPERT_INVITED_LABEL,
            notifications.expert_invitation_email,
            mutable=False,
        )
