from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class EditionStatus(models.TextChoices):
    PLANNED = "planned", pgettext_lazy("edition status", "Planned")
    DRAFTING = "drafting", pgettext_lazy("edition status", "Drafting")
    CONSULTATION = "consultation", pgettext_lazy("edition status", "In consultation")
    PUBLISHED = "published", pgettext_lazy("edition status", "Published")


class ChapterStatus(models.TextChoices):
    OUTLINE = "outline", _("Outline")
    DRAFTING = "drafting", _("Drafting")
    IN_REVIEW = "in_review", _("In review")
    FINAL = "final", _("Final")


# A chapter's workflow: the only moves its status may make. A chapter in review goes back to
# drafting when the comments call for it; a final chapter is reopened only by going back to
# review (a later edition starts its own chapters instead).
CHAPTER_STATUS_MOVES: dict[str, frozenset[str]] = {
    ChapterStatus.OUTLINE: frozenset({ChapterStatus.DRAFTING}),
    ChapterStatus.DRAFTING: frozenset({ChapterStatus.IN_REVIEW, ChapterStatus.OUTLINE}),
    ChapterStatus.IN_REVIEW: frozenset({ChapterStatus.FINAL, ChapterStatus.DRAFTING}),
    ChapterStatus.FINAL: frozenset({ChapterStatus.IN_REVIEW}),
}
# Moves only the secretariat makes; the chapter's lead makes the others.
SECRETARIAT_MOVES = frozenset({ChapterStatus.FINAL})
# From FINAL back to review is also the secretariat's call.
SECRETARIAT_FROM = frozenset({ChapterStatus.FINAL})


class DocumentKind(models.TextChoices):
    """The edition's own documents, each kept in versions."""

    TERMS_OF_REFERENCE = "terms_of_reference", _("Terms of reference")
    BACKGROUND_NOTE = "background_note", _("Background note (technical specifications)")


class CommentStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("comment status", "Open")
    ADDRESSED = "addressed", pgettext_lazy("comment status", "Addressed")
    DECLINED = "declined", pgettext_lazy("comment status", "Declined")


class Language(models.TextChoices):
    """The six official languages of the United Nations."""

    ARABIC = "ar", _("Arabic")
    CHINESE = "zh", _("Chinese")
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")
    RUSSIAN = "ru", _("Russian")
    SPANISH = "es", _("Spanish")
