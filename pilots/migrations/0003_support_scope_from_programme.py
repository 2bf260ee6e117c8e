"""PilotSupportScope moves from the programme app to the pilots app, with its table
(`programme_pilotsupportscope`) and its rows: the support a pilot page records and the
scope it covers are written together by pilots.services.pilot_support_create.
"""

import django.contrib.postgres.fields
import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pilots', '0002_initial'),
        ('programme', '0010_outbox_email'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table is there already (made by the programme app's migrations): only
            # Django's record of which app owns the model changes.
            state_operations=[
                migrations.CreateModel(
                    name='PilotSupportScope',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('steps', django.contrib.postgres.fields.ArrayField(base_field=models.PositiveSmallIntegerField(choices=[(1, 'Objectives and scope'), (2, 'Assessment of the current situation'), (3, 'Vision, goals and targets'), (4, 'Alternative pathways'), (5, 'The detailed roadmap'), (6, 'Execution, monitoring, evaluation and update')]), blank=True, default=list, help_text='The methodology steps this support covers.', size=None, verbose_name='steps')),
                        ('goals', django.contrib.postgres.fields.ArrayField(base_field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(17)]), blank=True, default=list, help_text='Numbers of the SDGs this support focuses on.', size=None, verbose_name='SDGs')),
                        ('support', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='scope', to='pilots.pilotsupport')),
                    ],
                    options={
                        'verbose_name': 'support scope',
                        'db_table': 'programme_pilotsupportscope',
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
