"""State only: the models moved apps but kept their tables (docs/architecture.md).

Regions, trusts, kinds of role, grades, specialties and the frameworks moved to
`reference`; the outbox to `notifications`; import batches to `imports`. Nothing in
the database changes here: the foreign keys already point at the same tables.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('pipeline', '0008_import_batch'),
        ('reference', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='vacancy',
                name='role_type',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, to='reference.leadershiproletype'),
            ),
            migrations.RemoveField(
                model_name='notification',
                name='recipient',
            ),
            migrations.RemoveField(
                model_name='trust',
                name='region',
            ),
            migrations.AlterField(
                model_name='vacancy',
                name='trust',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='vacancies', to='reference.trust'),
            ),
            migrations.AlterField(
                model_name='vacancy',
                name='max_grade',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reference.grade'),
            ),
            migrations.AlterField(
                model_name='vacancy',
                name='min_grade',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reference.grade'),
            ),
            migrations.AlterField(
                model_name='vacancy',
                name='required_domains',
                field=models.ManyToManyField(related_name='+', to='reference.frameworkdomain'),
            ),
            migrations.AlterField(
                model_name='vacancy',
                name='specialties',
                field=models.ManyToManyField(blank=True, related_name='+', to='reference.specialty'),
            ),
            migrations.DeleteModel(
                name='ImportBatch',
            ),
        ]),
    ]
