"""Demo records written before sources were named as readers know them cited an internal file
("(reference 000_2cfb5180f8429451.txt)") in their source and description text, which pages,
the calendar feeds and exports then showed. The citation is dropped; the rest of the text
(which already names the IATT's 2018 work programme) stays."""

from django.db import migrations
from django.db.models import F, Func, Value

# A file-name citation as the demo wrote it: " (reference <name>.txt)".
FILE_REFERENCE = r" ?\(reference [^)]*\.txt\)"

FIELDS = [
    ("programme", "Milestone", "description"),
    ("programme", "Organisation", "description"),
    ("guidebook", "GuidebookEdition", "source"),
    ("guidebook", "EditionDocument", "source"),
    ("guidebook", "Chapter", "source"),
]


def drop_file_references(apps, schema_editor):
    for app_label, model_name, field in FIELDS:
        model = apps.get_model(app_label, model_name)
        model.objects.filter(**{f"{field}__regex": FILE_REFERENCE}).update(
            **{
                field: Func(
                    F(field),
                    Value(FILE_REFERENCE),
                    Value(""),
                    Value("g"),
                    function="regexp_replace",
                )
            }
        )


class Migration(migrations.Migration):
    dependencies = [
        ("guidebook", "0004_chapter_due_milestone_one_to_one"),
        ("programme", "0008_user_language"),
    ]

    operations = [migrations.RunPython(drop_file_references, migrations.RunPython.noop)]
