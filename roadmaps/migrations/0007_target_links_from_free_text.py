"""Synergies and trade-offs were free text on each of a roadmap's targets. Where the text names
other targets of the same roadmap (e.g. "Advances 4.4 and 9.1"), each becomes a link between
the two targets, with the text as its note; text that names none is kept as the target's note,
so nothing anyone wrote is lost."""

import re

from django.db import migrations

# A target code as the SDG framework writes them: 9.5, 17.18, 6.a.
CODE = re.compile(r"\b(1[0-7]|[1-9])\.([0-9]{1,2}|[a-z])\b")
LABELS = {"synergy": "Synergies", "trade_off": "Trade-offs"}


def forwards(apps, schema_editor):
    RoadmapTarget = apps.get_model("roadmaps", "RoadmapTarget")
    TargetLink = apps.get_model("roadmaps", "TargetLink")
    rows = RoadmapTarget.objects.select_related("target").order_by("roadmap_id", "pk")
    codes_by_roadmap: dict[int, dict[str, int]] = {}
    for row in rows:
        codes_by_roadmap.setdefault(row.roadmap_id, {})[row.target.code] = row.target_id
    for row in rows:
        chosen = codes_by_roadmap[row.roadmap_id]
        kept = []
        for kind, field in (("synergy", "synergies"), ("trade_off", "trade_offs")):
            text = (getattr(row, field) or "").strip()
            if not text:
                continue
            found = [
                chosen[code]
                for code in dict.fromkeys(f"{a}.{b}" for a, b in CODE.findall(text))
                if code in chosen and chosen[code] != row.target_id
            ]
            for to_target_id in found:
                TargetLink.objects.get_or_create(
                    roadmap_id=row.roadmap_id,
                    version=None,
                    from_target_id=row.target_id,
                    to_target_id=to_target_id,
                    defaults={"kind": kind, "note": text},
                )
            if not found:
                kept.append(f"{LABELS[kind]}: {text}")
        if kept:
            row.notes = "\n".join([row.notes, *kept]).strip()
            row.save(update_fields=["notes"])


def backwards(apps, schema_editor):
    RoadmapTarget = apps.get_model("roadmaps", "RoadmapTarget")
    TargetLink = apps.get_model("roadmaps", "TargetLink")
    for link in TargetLink.objects.filter(version=None).select_related("to_target"):
        row = RoadmapTarget.objects.filter(
            roadmap_id=link.roadmap_id, target_id=link.from_target_id
        ).first()
        if row is None:
            continue
        field = "synergies" if link.kind == "synergy" else "trade_offs"
        current = getattr(row, field)
        if link.note not in current:
            setattr(row, field, "\n".join(filter(None, [current, link.note])))
            row.save(update_fields=[field])


class Migration(migrations.Migration):
    dependencies = [("roadmaps", "0006_target_links_and_feedback_replies")]

    operations = [migrations.RunPython(forwards, backwards)]
