"""PublicReleaseConsent moves from the programme app to the roadmaps app, with its table
(`programme_publicreleaseconsent`) and its rows: a consent is a fact about a roadmap
version, which the public site and the monitoring pages ask.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('roadmaps', '0004_reference_translations'),
        ('programme', '0010_outbox_email'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table is there already (made by the programme app's migrations): only
            # Django's record of which app owns the model changes.
            state_operations=[
                migrations.CreateModel(
                    name='PublicReleaseConsent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('given_by', models.CharField(help_text='Name and title of who agreed for the country.', max_length=255, verbose_name='given by')),
                        ('given_on', models.DateField(verbose_name='given on')),
                        ('evidence', models.CharField(help_text='Letter, email or meeting record.', max_length=255, verbose_name='evidence')),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('withdrawn_on', models.DateField(blank=True, null=True, verbose_name='withdrawn on')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='public_consents', to='roadmaps.roadmapversion', verbose_name='roadmap version')),
                    ],
                    options={
                        'verbose_name': 'consent to public release',
                        'db_table': 'programme_publicreleaseconsent',
                        'ordering': ['-given_on', '-id'],
                        'constraints': [models.UniqueConstraint(condition=models.Q(('withdrawn_on__isnull', True)), fields=('version',), name='public_consent_one_in_force')],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
