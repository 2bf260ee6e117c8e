"""The roadmaps' demo data: each demo pilot country's roadmap and primary SDGs, drafts made
through the real upload and workflow services, and ILLUSTRATIVE finalised assessments of the
decided ones. Called from `seed_demo` after the pilots and the demo accounts; idempotent."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from base.demo import D, upsert
from pilots.demo import PILOTS
from programme.choices import MilestoneKind, MilestoneStatus
from programme.demo import sources
from programme.models import Milestone, User
from roadmaps.choices import AssessmentStatus, Priority, ReviewStatus, RoadmapKind, VersionStatus
from roadmaps.models import (
    Assessment,
    ConsolidatedScore,
    Goal,
    Review,
    ReviewAssignment,
    ReviewScore,
    Roadmap,
    RoadmapGoal,
    RoadmapVersion,
)
from roadmaps.selectors import rubric_newest_published
from roadmaps.services import roadmap_version_transition, roadmap_version_upload
from roadmaps.services.assessments import REVIEW_TITLE

# Primary SDGs per national roadmap: Serbia's from the record (its domains map to SDGs 2, 7,
# 8 and 9), the others ILLUSTRATIVE (flagged on each link).
RECORDED_SDGS = {"SRB": ([2, 7, 8, 9], sources("P5"))}
DEMO_SDGS = {
    "ETH": [2, 9],
    "GHA": [7, 9, 13],
    "IND": [3, 6, 9],
    "KEN": [2, 9],
    "UKR": [9],
}

# ILLUSTRATIVE assessments, invented so the scorecard and the heatmap have something to show:
# no real country's draft was scored like this. (country, version, version status, consolidated
# scores for criteria 1-10, None meaning insufficient information, summary).
DEMO_ASSESSMENTS = [
    ("GHA", 1, VersionStatus.RETURNED, [2, 1, 2, 1, 1, 2, 1, 2, None, 1], "A promising first draft: strengthen the diagnosis, the policy mix and the costing."),
    ("GHA", 2, VersionStatus.ACCEPTED, [3, 2, 3, 2, 2, 2, 2, 3, 2, 1], "Clear progress on diagnostics and SDG deep dives; resources remain thin."),
    ("KEN", 1, VersionStatus.RETURNED, [3, 2, 2, 2, 1, 3, 2, 2, 1, None], "Good foresight work; say who is left behind and how the roadmap will be financed."),
    ("ETH", 1, VersionStatus.RETURNED, [2, 2, 3, 2, 2, 1, 2, 1, 1, 1], "A sound start on agriculture and industry; governance and learning need detail."),
    ("IND", 1, VersionStatus.PUBLISHED, [4, 3, 3, 3, 2, 3, 3, 3, 2, 2], "A thorough, well-evidenced roadmap."),
]  # fmt: skip

# ILLUSTRATIVE drafts (flagged on each version): (country, [(change summary, moves after upload as (status, comment))]).
DEMO_VERSIONS = [
    ("GHA", [
        ("First full draft after the national stakeholder workshop.", [
            (VersionStatus.SUBMITTED, ""),
            (VersionStatus.UNDER_REVIEW, ""),
            (VersionStatus.RETURNED, "Please add baselines for the SDG 9 targets and say who funds the pathways in chapter 4."),
        ]),
        ("Adds SDG 9 baselines and a financing section for the pathways.", [
            (VersionStatus.SUBMITTED, "Answers the secretariat's comments on version 1."),
            (VersionStatus.UNDER_REVIEW, ""),
            (VersionStatus.ACCEPTED, "Accepted; resources remain thin, see the scorecard."),
        ]),
        # Left as a draft, so Ghana's focal point has a submission that works.
        ("Final draft for adoption by the cabinet.", []),
    ]),
    ("KEN", [
        ("First draft: foresight and the current situation.", [
            (VersionStatus.SUBMITTED, ""),
            (VersionStatus.UNDER_REVIEW, ""),
            (VersionStatus.RETURNED, "Say who is left behind and how the roadmap will be financed."),
        ]),
        ("Working draft of the revised financing chapter.", []),
    ]),
    ("ETH", [
        ("First draft on agriculture and industry.", [
            (VersionStatus.SUBMITTED, ""),
            (VersionStatus.UNDER_REVIEW, ""),
            (VersionStatus.RETURNED, "Governance and learning need detail."),
        ]),
        # Uploaded and submitted by the secretariat on Ethiopia's behalf: the secretariat's
        # queue has a version waiting, and no focal point's own submission is blocked by it.
        ("Revised draft with governance and learning chapters.", [
            (VersionStatus.SUBMITTED, ""),
        ]),
    ]),
    ("IND", [
        ("National roadmap draft.", [
            (VersionStatus.SUBMITTED, ""),
            (VersionStatus.UNDER_REVIEW, ""),
            (VersionStatus.ACCEPTED, ""),
            (VersionStatus.PUBLISHED, "Published with the government's agreement."),
        ]),
    ]),
]  # fmt: skip


def demo_pdf(title: str) -> bytes:
    """A small, well-formed one-page PDF with a title, so demo drafts open in a viewer."""
    text = title.replace("\\", "").replace("(", "").replace(")", "")
    stream = f"BT /F1 18 Tf 72 720 Td ({text}) Tj ET".encode("latin-1", "replace")
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def seed_roadmaps(countries: dict) -> None:
    """Each demo pilot country's national roadmap and its primary SDGs (illustrative)."""
    goals = {g.number: g for g in Goal.objects.all()}
    for iso3, *_rest in PILOTS:
        country = countries[iso3]
        roadmap = upsert(
            Roadmap,
            {"kind": RoadmapKind.NATIONAL, "country": country},
            title=f"{country.name} STI for SDGs roadmap",
            summary=f"The national science, technology and innovation for SDGs roadmap of {country.name}.",
        )
        numbers, source = RECORDED_SDGS.get(iso3, (DEMO_SDGS.get(iso3, []), ""))
        # Links an earlier demo made up where the record now gives the SDGs.
        roadmap.goal_links.exclude(goal__number__in=numbers).delete()
        for number in numbers:
            upsert(
                RoadmapGoal,
                {"roadmap": roadmap, "goal": goals[number]},
                priority=Priority.PRIMARY,
                source=source,
                illustrative=not source,
            )


def seed_versions(countries: dict) -> None:
    """Demo drafts in different states, made through the same services as real uploads."""
    secretariat = User.objects.get(username="secretariat")
    for iso3, versions in DEMO_VERSIONS:
        roadmap = Roadmap.objects.get(kind=RoadmapKind.NATIONAL, country=countries[iso3])
        if roadmap.versions.exists():
            # Idempotent: drafts are only ever added, never rewritten; the demo's own drafts
            # (by their change summaries) are flagged as illustrative.
            roadmap.versions.filter(
                change_summary__in=[summary for summary, _moves in versions]
            ).update(illustrative=True)
            continue
        # Countries without a demo focal point have their drafts uploaded by the
        # secretariat on their behalf, as happens in practice.
        focal = (
            User.objects.filter(username=f"focal.{countries[iso3].name.lower()}").first()
            or secretariat
        )
        for number, (summary, moves) in enumerate(versions, start=1):
            name = f"{countries[iso3].name} STI for SDGs roadmap v{number}.pdf"
            version = roadmap_version_upload(
                actor=focal,
                roadmap=roadmap,
                file=ContentFile(demo_pdf(f"{roadmap.title}, draft {number}"), name=name),
                filename=name,
                change_summary=summary,
            )
            # No real country's draft: every page and API answer that shows it says so.
            version.illustrative = True
            version.save(update_fields=["illustrative"])
            for status, comment in moves:
                if status == VersionStatus.ACCEPTED:
                    # Acceptance rests on a finalised assessment (roadmaps.rules).
                    _assess(countries, iso3, number)
                actor = focal if status == VersionStatus.SUBMITTED else secretariat
                roadmap_version_transition(
                    actor=actor, version=version, to_status=status, comment=comment
                )


def seed_assessments(countries: dict) -> None:
    """ILLUSTRATIVE finalised assessments (see DEMO_ASSESSMENTS), one demo reviewer each."""
    for iso3, number, status, _scores, _summary in DEMO_ASSESSMENTS:
        roadmap = Roadmap.objects.get(kind=RoadmapKind.NATIONAL, country=countries[iso3])
        # The drafts come from _versions, through the real workflow; only decided ones
        # (returned or accepted) are assessed here.
        version = RoadmapVersion.objects.get(roadmap=roadmap, number=number)
        if version.status == status:
            _assess(countries, iso3, number)


def _assess(countries: dict, iso3: str, number: int) -> None:
    """The ILLUSTRATIVE finalised assessment of one demo version, if DEMO_ASSESSMENTS has
    one (idempotent)."""
    entry = next((e for e in DEMO_ASSESSMENTS if e[:2] == (iso3, number)), None)
    if entry is None:
        return
    _iso3, _number, _status, scores, summary = entry
    rubric = rubric_newest_published()
    criteria = {c.number: c for c in rubric.criteria.all()}
    secretariat = User.objects.get(username="secretariat")
    reviewer = User.objects.get(username="reviewer")
    when = timezone.now()
    roadmap = Roadmap.objects.get(kind=RoadmapKind.NATIONAL, country=countries[iso3])
    version = RoadmapVersion.objects.get(roadmap=roadmap, number=number)
    assessment = upsert(
        Assessment,
        {"version": version},
        rubric=rubric,
        status=AssessmentStatus.FINALISED,
        finalised_at=when,
        finalised_by=secretariat,
        summary=summary,
        illustrative=True,
    )
    # The review and its dates are as illustrative as the scores.
    milestone = upsert(
        Milestone,
        {"title": f"Review of {version}", "kind": MilestoneKind.REVIEW},
        title_template=REVIEW_TITLE,
        title_args={"version": str(version)},
        description="Illustrative: a made-up review for the demo.",
        due_on=D(2020, 3, 31),
        status=MilestoneStatus.DONE,
        completed_on=D(2020, 3, 15),
        country=countries[iso3],
    )
    milestone.owners.set([reviewer])
    assignment = upsert(
        ReviewAssignment,
        {"version": version, "reviewer": reviewer},
        assigned_by=secretariat,
        milestone=milestone,
    )
    review = upsert(
        Review,
        {"assignment": assignment},
        rubric=rubric,
        status=ReviewStatus.SUBMITTED,
        submitted_at=when,
    )
    for n, value in enumerate(scores, start=1):
        values = {
            "score": value,
            "insufficient_information": value is None,
        }
        # Insufficient information is not a low score: the draft does not say enough to judge
        # (here, it points to a part not yet written), unlike a 0, where it shows an absence.
        upsert(
            ReviewScore,
            {"review": review, "criterion": criteria[n]},
            justification=(
                "Illustrative: the draft refers to an annex that is not attached, so there is "
                "not enough to judge."
                if value is None
                else "Illustrative justification for the demo."
            ),
            evidence=f"Section {n}",
            **values,
        )
        upsert(
            ConsolidatedScore,
            {"assessment": assessment, "criterion": criteria[n]},
            score=None if value is None else Decimal(value),
            comment=""
            if value is not None
            else "Not enough to judge: the draft refers to an annex that is not attached.",
            proposed_mean=None if value is None else Decimal(value),
            spread=None if value is None else 0,
            **{"insufficient_information": value is None},
        )
