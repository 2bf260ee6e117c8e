"""An action item's milestone is named after the action alone: its old title ("Action from
<meeting>: <action>") showed a private meeting's title to the owner through the milestones."""

from django.db import migrations


def retitle(apps, schema_editor):
    ActionItem = apps.get_model("egm", "ActionItem")
    Milestone = apps.get_model("programme", "Milestone")
    changed = []
    for item in ActionItem.objects.select_related("milestone").iterator():
        if item.milestone.title != item.title:
            item.milestone.title = item.title
            changed.append(item.milestone)
    Milestone.objects.bulk_update(changed, ["title"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("egm", "0003_meetings_series_participants_agenda_outcomes"),
        ("programme", "0001_initial"),
    ]

    operations = [migrations.RunPython(retitle, migrations.RunPython.noop)]
