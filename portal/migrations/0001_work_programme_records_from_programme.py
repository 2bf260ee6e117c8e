"""The work programme's own records (trust fund, pledges, receipts, exchange rates, peer
exchanges, support outputs, country record links) move from the programme app to the
portal, with their tables (`programme_*`) and rows.
"""

import django.contrib.postgres.fields
import django.core.validators
import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('pilots', '0002_initial'),
        ('programme', '0010_outbox_email'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The table is there already (made by the programme app's migrations): only
            # Django's record of which app owns the model changes.
            state_operations=[
                migrations.CreateModel(
                    name='SupportOutput',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('title', models.CharField(max_length=255, verbose_name='title')),
                        ('kind', models.CharField(choices=[('strategy', 'UN or multilateral strategy'), ('mainstreaming', 'Agency mainstreaming of STI for the SDGs'), ('deep_dive', 'Deep dive with a specialised partner')], max_length=20, verbose_name='kind')),
                        ('url', models.URLField(blank=True, verbose_name='link to the document')),
                        ('published_on', models.DateField(blank=True, null=True, verbose_name='published on')),
                        ('summary', models.TextField(blank=True, verbose_name='summary')),
                        ('is_public', models.BooleanField(default=False, help_text='Shown on the public site.', verbose_name='public')),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('components', models.ManyToManyField(blank=True, related_name='outputs', to='programme.workprogrammecomponent', verbose_name='components')),
                        ('organisations', models.ManyToManyField(related_name='support_outputs', to='programme.organisation', verbose_name='organisations')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'international-support output',
                        'db_table': 'programme_supportoutput',
                        'ordering': [models.OrderBy(models.F('published_on'), descending=True, nulls_last=True), 'title'],
                    },
                ),
                migrations.CreateModel(
                    name='TrustFund',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, unique=True, verbose_name='name')),
                        ('description', models.TextField(blank=True, verbose_name='description')),
                        ('established_on', models.DateField(blank=True, null=True, verbose_name='established on')),
                        ('administered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='administered_funds', to='programme.organisation', verbose_name='administered by')),
                    ],
                    options={
                        'verbose_name': 'trust fund',
                        'db_table': 'programme_trustfund',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='TrustFundContribution',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='amount pledged')),
                        ('currency', models.CharField(choices=[('USD', 'US dollar'), ('EUR', 'Euro'), ('JPY', 'Japanese yen'), ('GBP', 'Pound sterling'), ('CHF', 'Swiss franc')], default='USD', max_length=3, verbose_name='currency')),
                        ('pledged_on', models.DateField(verbose_name='pledged on')),
                        ('note', models.TextField(blank=True, verbose_name='note')),
                        ('component', models.ForeignKey(blank=True, help_text='Earmarked for this component; empty for unearmarked money.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='contributions', to='programme.workprogrammecomponent', verbose_name='earmarked for')),
                        ('donor', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='contributions', to='programme.organisation', verbose_name='donor')),
                        ('fund', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='pledges', to='portal.trustfund', verbose_name='fund')),
                    ],
                    options={
                        'verbose_name': 'pledge',
                        'db_table': 'programme_trustfundcontribution',
                        'ordering': ['-pledged_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='TrustFundReceipt',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('amount', models.DecimalField(decimal_places=2, max_digits=14, verbose_name='amount received')),
                        ('received_on', models.DateField(verbose_name='received on')),
                        ('reference', models.CharField(blank=True, max_length=100, verbose_name='reference')),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('pledge', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='receipts', to='portal.trustfundcontribution', verbose_name='pledge')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'receipt',
                        'db_table': 'programme_trustfundreceipt',
                        'ordering': ['-received_on', '-id'],
                    },
                ),
                migrations.CreateModel(
                    name='CountryRecordLink',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('source', models.CharField(choices=[('stip_compass', 'OECD/EC STIP Compass'), ('go_spin', 'UNESCO GO-SPIN')], max_length=20, verbose_name='source')),
                        ('record', models.CharField(help_text="The country's page on that source, as the source's link pattern expects.", max_length=200, verbose_name='record')),
                        ('country', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='record_links', to='pilots.country')),
                    ],
                    options={
                        'verbose_name': 'country record link',
                        'db_table': 'programme_countryrecordlink',
                        'ordering': ['country__name', 'source'],
                        'constraints': [models.UniqueConstraint(fields=('country', 'source'), name='country_record_unique')],
                    },
                ),
                migrations.CreateModel(
                    name='ExchangeRate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('currency', models.CharField(choices=[('USD', 'US dollar'), ('EUR', 'Euro'), ('JPY', 'Japanese yen'), ('GBP', 'Pound sterling'), ('CHF', 'Swiss franc')], max_length=3, verbose_name='currency')),
                        ('usd_per_unit', models.DecimalField(decimal_places=8, max_digits=18, verbose_name='US dollars per unit')),
                        ('rate_on', models.DateField(verbose_name='rate of')),
                        ('source', models.CharField(blank=True, help_text='e.g. UN operational rate.', max_length=200, verbose_name='source')),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'exchange rate',
                        'db_table': 'programme_exchangerate',
                        'ordering': ['currency', '-rate_on'],
                        'constraints': [models.UniqueConstraint(fields=('currency', 'rate_on'), name='exchange_rate_unique'), models.CheckConstraint(condition=models.Q(('usd_per_unit__gt', 0)), name='exchange_rate_positive'), models.CheckConstraint(condition=models.Q(('currency', 'USD'), _negated=True), name='exchange_rate_not_usd')],
                    },
                ),
                migrations.CreateModel(
                    name='PeerExchange',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('held_on', models.DateField(verbose_name='held on')),
                        ('topic', models.CharField(max_length=255, verbose_name='topic')),
                        ('criteria', django.contrib.postgres.fields.ArrayField(base_field=models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(10)]), blank=True, default=list, help_text='Numbers of the effectiveness criteria the exchange was about.', size=None, verbose_name='criteria')),
                        ('participants', models.TextField(help_text='Who took part.', verbose_name='participants')),
                        ('notes', models.TextField(blank=True, verbose_name='notes')),
                        ('recorded_at', models.DateTimeField(default=django.utils.timezone.now, editable=False)),
                        ('learner', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='exchanges_as_learner', to='pilots.pilot', verbose_name='learning pilot')),
                        ('peer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='exchanges_as_peer', to='pilots.pilot', verbose_name='peer pilot')),
                        ('recorded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'verbose_name': 'peer exchange',
                        'db_table': 'programme_peerexchange',
                        'ordering': ['-held_on', '-id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('learner', models.F('peer')), _negated=True), name='peer_exchange_two_pilots')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='trustfundcontribution',
                    constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='contribution_amount_positive'),
                ),
                migrations.AddConstraint(
                    model_name='trustfundreceipt',
                    constraint=models.CheckConstraint(condition=models.Q(('amount__gt', 0)), name='receipt_amount_positive'),
                ),
            ],
            database_operations=[],
        ),
    ]
