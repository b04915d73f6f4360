"""State only: the models moved apps but kept their tables (docs/architecture.md).

Regions, trusts, kinds of role, grades, specialties and the frameworks moved to
`reference`; the outbox to `notifications`; import batches to `imports`. Nothing in
the database changes here: the foreign keys already point at the same tables.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('allocation', '0002_round_reminders'),
        ('reference', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.AlterField(
                model_name='allocationround',
                name='region',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='rounds', to='reference.region'),
            ),
            migrations.AlterField(
                model_name='historicalallocationround',
                name='region',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.region'),
            ),
        ]),
    ]
