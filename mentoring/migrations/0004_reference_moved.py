"""State only: the models moved apps but kept their tables (docs/architecture.md).

Regions, trusts, kinds of role, grades, specialties and the frameworks moved to
`reference`; the outbox to `notifications`; import batches to `imports`. Nothing in
the database changes here: the foreign keys already point at the same tables.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0003_requests_and_feedback'),
        ('reference', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='meeting',
                name='topics',
                field=models.ManyToManyField(blank=True, related_name='+', to='reference.frameworkdomain'),
            ),
            migrations.AlterField(
                model_name='mentor',
                name='expertise',
                field=models.ManyToManyField(blank=True, related_name='+', to='reference.frameworkdomain'),
            ),
            migrations.AlterField(
                model_name='mentor',
                name='region',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='mentors', to='reference.region'),
            ),
            migrations.AlterField(
                model_name='mentorrequest',
                name='domains',
                field=models.ManyToManyField(blank=True, related_name='+', to='reference.frameworkdomain'),
            ),
        ]),
    ]
