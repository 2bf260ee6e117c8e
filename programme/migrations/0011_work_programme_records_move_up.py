"""The work programme's records leave the programme app (the directory and the plan), with
their tables and rows: the trust fund and its money, peer exchanges, support outputs and
country record links to the portal, the support scope to pilots, the consent to public
release to roadmaps (see each app's migration). Only Django's record of the models changes;
every table and row stays where it is, both ways.
"""

from django.db import migrations


MOVED = {
    "trustfund": "portal",
    "trustfundcontribution": "portal",
    "trustfundreceipt": "portal",
    "exchangerate": "portal",
    "peerexchange": "portal",
    "supportoutput": "portal",
    "countryrecordlink": "portal",
    "pilotsupportscope": "pilots",
    "publicreleaseconsent": "roadmaps",
}


def _relabel(apps, pairs) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model, old, new in pairs:
        if not ContentType.objects.filter(app_label=old, model=model).exists():
            continue
        # A content type under the new label can only be one Django made after a migration
        # command, with its default permissions: the one that was in use (granted
        # permissions, admin history) wins.
        ContentType.objects.filter(app_label=new, model=model).delete()
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)


def content_types_follow(apps, schema_editor) -> None:
    _relabel(apps, [(model, "programme", app) for model, app in MOVED.items()])


def content_types_return(apps, schema_editor) -> None:
    _relabel(apps, [(model, app, "programme") for model, app in MOVED.items()])


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('programme', '0010_outbox_email'),
        ('pilots', '0003_support_scope_from_programme'),
        ('roadmaps', '0005_public_release_consent_from_programme'),
        ('portal', '0001_work_programme_records_from_programme'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay, now owned by the apps the models moved to: only Django's
            # record of the programme app's models changes.
            state_operations=[
                migrations.RemoveField(
                    model_name='exchangerate',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='peerexchange',
                    name='learner',
                ),
                migrations.RemoveField(
                    model_name='peerexchange',
                    name='peer',
                ),
                migrations.RemoveField(
                    model_name='peerexchange',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='pilotsupportscope',
                    name='support',
                ),
                migrations.RemoveField(
                    model_name='publicreleaseconsent',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='publicreleaseconsent',
                    name='version',
                ),
                migrations.RemoveField(
                    model_name='supportoutput',
                    name='components',
                ),
                migrations.RemoveField(
                    model_name='supportoutput',
                    name='organisations',
                ),
                migrations.RemoveField(
                    model_name='supportoutput',
                    name='recorded_by',
                ),
                migrations.RemoveField(
                    model_name='trustfund',
                    name='administered_by',
                ),
                migrations.RemoveField(
                    model_name='trustfundcontribution',
                    name='fund',
                ),
                migrations.RemoveField(
                    model_name='trustfundcontribution',
                    name='component',
                ),
                migrations.RemoveField(
                    model_name='trustfundcontribution',
                    name='donor',
                ),
                migrations.RemoveField(
                    model_name='trustfundreceipt',
                    name='pledge',
                ),
                migrations.RemoveField(
                    model_name='trustfundreceipt',
                    name='recorded_by',
                ),
                migrations.DeleteModel(
                    name='CountryRecordLink',
                ),
                migrations.DeleteModel(
                    name='ExchangeRate',
                ),
                migrations.DeleteModel(
                    name='PeerExchange',
                ),
                migrations.DeleteModel(
                    name='PilotSupportScope',
                ),
                migrations.DeleteModel(
                    name='PublicReleaseConsent',
                ),
                migrations.DeleteModel(
                    name='SupportOutput',
                ),
                migrations.DeleteModel(
                    name='TrustFund',
                ),
                migrations.DeleteModel(
                    name='TrustFundContribution',
                ),
                migrations.DeleteModel(
                    name='TrustFundReceipt',
                ),
            ],
            database_operations=[],
        ),
        # Content types (and the permissions and admin history that point at them) follow the
        # models, so nothing that referred to a moved model is orphaned.
        migrations.RunPython(content_types_follow, content_types_return),
    ]
