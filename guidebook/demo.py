"""Demo data for the Guidebook: only what a public source says, with the source beside it.

- The 2019 draft edition, as the IATT's 2018 work-programme presentation describes it
  (`/work/shared/reference/000_2cfb5180f8429451.txt`, cited below as WP2018): a terms of
  reference first, one chapter on guidelines for national STI for SDGs roadmaps, the 10-Member
  Group invited to contribute, a draft and a stand-alone background note before the 2019 HLPF.
  The contents of the terms of reference, the note and the outline are not public here, so the
  documents are recorded without versions and no outline version is invented.
- The published Guidebook (2021, EUR 30606 EN, doi:10.2760/724479) as the later edition; its
  chapters are left out until their list is taken from the publication itself.
- One background paper with its full public citation.
- ILLUSTRATIVE, after the demo's people exist (`seed_guidebook_work`): a first draft of the
  guidelines chapter and an invitation to the demo adviser to comment on it, so the adviser's
  home shows the work an invited contributor has. The record names neither; both are flagged
  `illustrative`, and the chapter page says so.
"""

from __future__ import annotations

from guidebook.choices import ChapterStatus, DocumentKind, EditionStatus
from guidebook.models import (
    BackgroundPaper,
    Chapter,
    ChapterDraft,
    EditionDocument,
    GuidebookEdition,
    Invitation,
)
from guidebook.services import chapter_draft_add, invitation_create
from programme.choices import OrganisationKind
from programme.models import Milestone, Organisation, User

# As readers know it; the file name above stays in this module (pages, feeds and exports
# never show internal file names).
WP2018 = "The IATT's 2018 work-programme presentation"
GUIDEBOOK_2021_SOURCE = (
    "Publication record EUR 30606 EN, doi:10.2760/724479; title as listed at "
    "https://tipconsortium.net/publication/"
    "guidebook-for-the-preparation-of-science-technology-and-innovation-sti-for-sdgs-roadmaps/"
)
# The milestone seed_demo makes from WP2018 ("expected to be completed before the 2019 HLPF").
DRAFT_MILESTONE_TITLE = "Draft Guidebook and background note before the 2019 HLPF"
GUIDELINES_CHAPTER = "Guidelines for national STI for SDGs roadmaps"

BACKGROUND_PAPERS = [
    {
        "title": "Background paper: Overview of the existing STI for SDGs roadmapping "
        "methodologies",
        "authors": "Matusiak, M., Ciampi Stancova, K., Dosso, M., Daniels, C. and Miedziński, M.",
        "year": 2021,
        "reference": "EUR 30570 EN, ISBN 978-92-76-28937-1, doi:10.2760/777325, JRC123628",
        "url": "https://doi.org/10.2760/777325",
        "source": "https://tipconsortium.net/publication/"
        "background-paper-overview-of-the-existing-sti-for-sdgs-roadmapping-methodologies/",
    },
]


def _upsert(model, lookup: dict, **values):
    obj = model.objects.filter(**lookup).first() or model(**lookup)
    for field, value in values.items():
        setattr(obj, field, value)
    obj.full_clean()
    obj.save()
    return obj


def seed_guidebook() -> None:
    """Load the Guidebook's demo data (idempotent)."""
    draft = _upsert(
        GuidebookEdition,
        {"label": "Draft 2019"},
        title="Guidebook on Development of Science, Technology and Innovation Roadmaps",
        status=EditionStatus.DRAFTING,
        target_milestone=Milestone.objects.filter(title=DRAFT_MILESTONE_TITLE).first(),
        summary=(
            "The overarching document of the programme, building on the IATT's previous "
            "background papers, with a stand-alone background note of technical specifications. "
            "A draft existed by the Nairobi EGM (1-3 April 2019), which made recommendations "
            "for its finalisation; the Guidebook was published in 2021."
        ),
        source=f"{WP2018}; UNESCO Nairobi Office news, 13 June 2019",
    )
    _upsert(
        EditionDocument,
        {"edition": draft, "kind": DocumentKind.TERMS_OF_REFERENCE},
        title="Terms of reference of the Guidebook",
        source=f"{WP2018}: “Preparation of a ToR”. Its text is not in the public record used here.",
    )
    _upsert(
        EditionDocument,
        {"edition": draft, "kind": DocumentKind.BACKGROUND_NOTE},
        title="Background note with technical specifications",
        source=f"{WP2018}: expected with the draft before the 2019 HLPF.",
    )
    # Chapters an earlier demo made up; removed unless someone has drafted them since.
    draft.chapters.exclude(title=GUIDELINES_CHAPTER).filter(drafts__isnull=True).delete()
    chapter = _upsert(
        Chapter,
        {"edition": draft, "title": GUIDELINES_CHAPTER},
        number=1,
        status=ChapterStatus.OUTLINE,
        summary="Guidelines for national STI for SDGs roadmaps.",
        source=(
            f"{WP2018}: “One of the chapters of the guidebook will be focusing on guidelines of "
            "national STI for SDGs Roadmaps”. The presentation does not number it; it is "
            "numbered 1 here as the only chapter on record."
        ),
    )
    ten_member_group = _upsert(
        Organisation,
        {"slug": "10-member-group"},
        name="10-Member Group to support the Technology Facilitation Mechanism",
        kind=OrganisationKind.OTHER,
        description=(
            f"To be informed and invited to contribute to the Guidebook "
            f"({WP2018[0].lower()}{WP2018[1:]}); the record shows no invitation."
        ),
    )
    # The 2018 text plans the invitation (the programme's milestone says so); the record shows
    # none, so the invitation an earlier demo recorded goes, unless someone has answered it.
    Invitation.objects.filter(
        chapter=chapter, organisation=ten_member_group, invited_by__isnull=True
    ).delete()

    _upsert(
        GuidebookEdition,
        {"label": "2021"},
        title="Guidebook for the Preparation of Science, Technology and Innovation (STI) for "
        "SDGs Roadmaps",
        status=EditionStatus.PUBLISHED,
        published_year=2021,
        series_number="EUR 30606 EN",
        doi="10.2760/724479",
        url="https://doi.org/10.2760/724479",
        source=GUIDEBOOK_2021_SOURCE,
    )
    for paper in BACKGROUND_PAPERS:
        _upsert(BackgroundPaper, {"title": paper["title"]}, **paper)


# Illustrative: the 2019 draft's text is not in the public record; this one only lists the six
# steps as the project names them (pilots.choices.RoadmapStep).
ILLUSTRATIVE_DRAFT = """*Illustrative text, made up for a demonstration: the 2019 draft itself is
not in the public record.*

## The six steps
1. Objectives and scope.
2. Assessment of the current situation.
3. Vision, goals and targets.
4. Alternative pathways.
5. The detailed roadmap.
6. Execution, monitoring, evaluation and update.
"""


def seed_guidebook_work(*, actor_username: str = "secretariat", adviser: str = "adviser") -> None:
    """Give the guidelines chapter an illustrative first draft and invite the demo adviser to
    comment on it, through the real services (idempotent; needs the demo's people)."""
    actor = User.objects.get(username=actor_username)
    invitee = User.objects.get(username=adviser)
    chapter = Chapter.objects.get(edition__label="Draft 2019", title=GUIDELINES_CHAPTER)
    if not chapter.drafts.exists():
        draft = chapter_draft_add(
            actor=actor,
            chapter=chapter,
            text=ILLUSTRATIVE_DRAFT,
            change_summary="Illustrative first draft for the demonstration.",
        )
        ChapterDraft.objects.filter(pk=draft.pk).update(illustrative=True)
    if not chapter.invitations.filter(user=invitee).exists():
        invitation = invitation_create(actor=actor, chapter=chapter, user=invitee)
        Invitation.objects.filter(pk=invitation.pk).update(illustrative=True)
