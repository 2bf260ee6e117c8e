from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EgmConfig(AppConfig):
    verbose_name = _("Meetings (EGMs)")
    name = "egm"

    def ready(self) -> None:
        from django.urls import reverse

        from programme.subjects import register_milestone_subject

        # An action item's due date is a milestone; its rows and reminders link to the item's
        # own page, which its owner may open even while the meeting is private.
        register_milestone_subject(
            model="egm.ActionItem",
            accessor="meeting_action_item",
            label=_("Action item"),
            url=lambda item: reverse("egm:action-detail", args=[item.pk]),
        )

        from egm.notifications import KINDS
        from programme.notify import register_notification_table

        # Invitations, reminders, action items, agendas and minutes are emailed to the people
        # they concern; an invitation waits for an answer, so it cannot be muted.
        register_notification_table(KINDS)
