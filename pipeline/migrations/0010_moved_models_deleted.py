"""State only: the models moved apps but kept their tables (docs/architecture.md).

Regions, trusts, kinds of role, grades, specialties and the frameworks moved to
`reference`; the outbox to `notifications`; import batches to `imports`. Nothing in
the database changes here: the foreign keys already point at the same tables.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0005_reference_moved'),
        ('allocation', '0003_reference_moved'),
        ('mentoring', '0004_reference_moved'),
        ('pipeline', '0009_reference_moved'),
        ('schemes', '0003_reference_moved'),
        ('trainees', '0004_reference_moved'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.DeleteModel(
                name='LeadershipRoleType',
            ),
            migrations.DeleteModel(
                name='Notification',
            ),
            migrations.DeleteModel(
                name='Region',
            ),
            migrations.DeleteModel(
                name='Trust',
            ),
        ]),
    ]
