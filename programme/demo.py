"""Demo milestones of the IATT's 2018 work programme that the main demo lacks, and owners so
the demo's reminders have someone to go to. Called from `seed_demo`; idempotent.

Source: /work/shared/reference/000_2cfb5180f8429451.txt (the IATT's 2018 presentation of its
work programme). It gives no dates for these four, so none is set ("to be confirmed"): they
are listed on the timeline's table and never reminded until the secretariat sets a date.
"""

from __future__ import annotations

from programme.choices import MilestoneKind, MilestoneStatus
from programme.models import Milestone, User, WorkProgrammeComponent

# The file name above is for whoever maintains this demo; pages, feeds and exports name the
# source as readers know it.
SOURCE = "Source: the IATT's 2018 work-programme presentation on STI for SDGs roadmaps. "

# title, kind, component name (or None), status, description. Statuses as of the demo's
# records: the advisory group and the two regional tracks are on record in this demo (with
# members and partners), so they are under way; nothing records the trust fund or the
# invitation to the 10-Member Group yet.
MILESTONES_2018 = [
    (
        "Advisory Group set up",
        MilestoneKind.PROGRAMME,
        None,
        MilestoneStatus.IN_PROGRESS,
        "Establishment of an Advisory Group to guide the planning of EGMs, the Guidebook and "
        "other activities; the World Bank and UN DESA in it, responsible for overall "
        "coordination and facilitation. The text gives no date: to be confirmed.",
    ),
    (
        "Trust fund set up",
        MilestoneKind.PROGRAMME,
        "Trust fund",
        MilestoneStatus.PLANNED,
        "Establishment of a trust fund to fully support the work of STI for the SDGs "
        "roadmaps. The text gives no date: to be confirmed.",
    ),
    (
        "10-Member Group invited to contribute to the Guidebook",
        MilestoneKind.GUIDEBOOK,
        "Knowledge and advocacy",
        MilestoneStatus.PLANNED,
        "The 10-Member Group for the TFM to be informed and invited to contribute to the work "
        "of the Guidebook. The text gives no date: to be confirmed.",
    ),
    (
        "Regional tracks launched",
        MilestoneKind.PROGRAMME,
        "Peer learning",
        MilestoneStatus.IN_PROGRESS,
        "Regional tracks organised with the regional commissions: Asia with ESCAP (and possibly "
        "ASEAN and AsDB), Africa with ECA (and possibly the TICAD organisers and AfDB). "
        "The text gives no date: to be confirmed.",
    ),
]

# Past-date milestones of the main demo that nothing records as done: on today's date they
# have slipped (and are overdue, so their owner is reminded every 7 days).
SLIPPED_2019 = {
    "Draft Guidebook and background note before the 2019 HLPF": (
        "The draft Guidebook and its background note were expected before the 2019 HLPF. "
        "No completion is recorded here."
    ),
    "2-3 pilot countries draft national roadmaps": (
        "In the first half of 2019, 2-3 pilot countries were expected to prepare their draft "
        "national STI roadmaps; the due date is the end of that half-year (the text gives "
        "the half-year only). No completion is recorded here."
    ),
}


def seed_milestones_demo(*, owner_username: str = "secretariat") -> None:
    """The 2018 work programme's missing milestones, statuses that fit today, and the demo
    secretariat account as owner of the programme-wide ones (so reminders have a recipient)."""
    owner = User.objects.get(username=owner_username)
    components = {c.name: c for c in WorkProgrammeComponent.objects.all()}
    for title, kind, component, status, description in MILESTONES_2018:
        milestone = Milestone.objects.filter(title=title).first() or Milestone(title=title)
        milestone.kind = kind
        milestone.component = components.get(component) if component else None
        milestone.status = status
        milestone.due_on = None
        milestone.description = SOURCE + description
        milestone.is_public = True
        milestone.full_clean()
        milestone.save()
        milestone.owners.set([owner])
    for milestone in Milestone.objects.filter(title__in=SLIPPED_2019):
        milestone.status = MilestoneStatus.SLIPPED
        milestone.description = SOURCE + SLIPPED_2019[milestone.title]
        milestone.full_clean()
        milestone.save()
        milestone.owners.set([owner])
