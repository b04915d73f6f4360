"""State only: the models moved apps but kept their tables (docs/architecture.md).

Regions, trusts, kinds of role, grades, specialties and the frameworks moved to
`reference`; the outbox to `notifications`; import batches to `imports`. Nothing in
the database changes here: the foreign keys already point at the same tables.
"""

import django.db.models.deletion
import uuid
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('pipeline', '0008_import_batch'),
        ('trainees', '0003_portfolio_view'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='Grade',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code', models.CharField(max_length=8, unique=True)),
                    ('name', models.CharField(max_length=80)),
                    ('stage', models.CharField(choices=[('foundation', 'Foundation'), ('core', 'Core'), ('specialty', 'Specialty'), ('general_practice', 'GP training')], max_length=20)),
                    ('rank', models.PositiveSmallIntegerField(unique=True)),
                    ('active', models.BooleanField(default=True)),
                ],
                options={
                    'db_table': 'trainees_grade',
                    'ordering': ['rank'],
                },
            ),
            migrations.CreateModel(
                name='LeadershipFramework',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code', models.SlugField(max_length=20, unique=True)),
                    ('name', models.CharField(max_length=200)),
                    ('publisher', models.CharField(max_length=200)),
                    ('year', models.PositiveSmallIntegerField()),
                ],
                options={
                    'db_table': 'trainees_leadershipframework',
                },
            ),
            migrations.CreateModel(
                name='LeadershipRoleType',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code', models.SlugField(max_length=40, unique=True)),
                    ('name', models.CharField(max_length=120, unique=True)),
                    ('description', models.TextField(blank=True)),
                ],
                options={
                    'db_table': 'pipeline_leadershiproletype',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='Region',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('code', models.SlugField(max_length=40, unique=True)),
                    ('name', models.CharField(max_length=120, unique=True)),
                    ('kind', models.CharField(choices=[('hee_local_office', 'HEE local office'), ('devolved_deanery', 'Devolved deanery')], max_length=32)),
                    ('nation', models.CharField(max_length=40)),
                ],
                options={
                    'db_table': 'pipeline_region',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='Specialty',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('name', models.CharField(max_length=120, unique=True)),
                ],
                options={
                    'verbose_name_plural': 'specialties',
                    'db_table': 'trainees_specialty',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='FrameworkDomain',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.PositiveSmallIntegerField()),
                    ('name', models.CharField(max_length=120)),
                    ('framework', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='domains', to='reference.leadershipframework')),
                ],
                options={
                    'db_table': 'trainees_frameworkdomain',
                    'ordering': ['framework', 'number'],
                },
            ),
            migrations.CreateModel(
                name='Trust',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('ods_code', models.CharField(max_length=3, unique=True, verbose_name='ODS code')),
                    ('name', models.CharField(max_length=200)),
                    ('region', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='trusts', to='reference.region')),
                ],
                options={
                    'db_table': 'pipeline_trust',
                    'ordering': ['name'],
                },
            ),
            migrations.CreateModel(
                name='FrameworkElement',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('number', models.PositiveSmallIntegerField()),
                    ('name', models.CharField(max_length=120)),
                    ('domain', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='elements', to='reference.frameworkdomain')),
                    ('framework', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='elements', to='reference.leadershipframework')),
                ],
                options={
                    'db_table': 'trainees_frameworkelement',
                    'ordering': ['framework', 'domain__number', 'number'],
                    'constraints': [models.UniqueConstraint(fields=('framework', 'domain', 'number'), name='element_number_unique')],
                },
            ),
            migrations.AddConstraint(
                model_name='frameworkdomain',
                constraint=models.UniqueConstraint(fields=('framework', 'number'), name='domain_number_unique'),
            ),
            migrations.AddConstraint(
                model_name='trust',
                constraint=models.CheckConstraint(condition=models.Q(('ods_code__regex', '^[A-Z0-9]{3}$')), name='trust_ods_code_is_three_characters', violation_error_message='An ODS trust code is three capital letters or digits.'),
            ),
        ]),
    ]
