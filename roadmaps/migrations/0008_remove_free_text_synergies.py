from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("roadmaps", "0007_target_links_from_free_text")]

    operations = [
        migrations.RemoveField(model_name="roadmaptarget", name="synergies"),
        migrations.RemoveField(model_name="roadmaptarget", name="trade_offs"),
    ]
