from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidebookConfig(AppConfig):
    name = "guidebook"

    def ready(self) -> None:
        from django.urls import reverse

        from programme.subjects import register_milestone_subject

        # A chapter's due date is a milestone; its rows and reminders link to the chapter.
        register_milestone_subject(
            model="guidebook.Chapter",
            accessor="guidebook_chapter",
            label=_("Guidebook chapter"),
            url=lambda chapter: reverse("guidebook:chapter-detail", args=[chapter.pk]),
        )

        from guidebook.notifications import KINDS
        from programme.notify import register_notification_table

        # Invitations, comments, responses and moves are emailed to the people they concern.
        register_notification_table(KINDS)
