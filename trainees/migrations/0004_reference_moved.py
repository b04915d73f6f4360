"""State only: the models moved apps but kept their tables (docs/architecture.md).

Regions, trusts, kinds of role, grades, specialties and the frameworks moved to
`reference`; the outbox to `notifications`; import batches to `imports`. Nothing in
the database changes here: the foreign keys already point at the same tables.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0004_reference_moved'),
        ('pipeline', '0009_reference_moved'),
        ('reference', '0001_initial'),
        ('trainees', '0003_portfolio_view'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.RemoveField(
                model_name='frameworkelement',
                name='domain',
            ),
            migrations.RemoveField(
                model_name='frameworkelement',
                name='framework',
            ),
            migrations.AlterField(
                model_name='evidence',
                name='element',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='evidence', to='reference.frameworkelement'),
            ),
            migrations.AlterField(
                model_name='historicalevidence',
                name='element',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.frameworkelement'),
            ),
            migrations.AlterField(
                model_name='placement',
                name='grade',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reference.grade'),
            ),
            migrations.AlterField(
                model_name='historicaltrainee',
                name='grade',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.grade'),
            ),
            migrations.AlterField(
                model_name='historicalplacement',
                name='grade',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.grade'),
            ),
            migrations.AlterField(
                model_name='trainee',
                name='grade',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='trainees', to='reference.grade'),
            ),
            migrations.AlterField(
                model_name='placement',
                name='specialty',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reference.specialty'),
            ),
            migrations.AlterField(
                model_name='historicalplacement',
                name='specialty',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.specialty'),
            ),
            migrations.AlterField(
                model_name='historicaltrainee',
                name='specialty',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.specialty'),
            ),
            migrations.AlterField(
                model_name='trainee',
                name='specialty',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='trainees', to='reference.specialty'),
            ),
            migrations.AlterField(
                model_name='historicalleadershiprole',
                name='role_type',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.leadershiproletype'),
            ),
            migrations.AlterField(
                model_name='historicalleadershiprole',
                name='trust',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.trust'),
            ),
            migrations.AlterField(
                model_name='historicalplacement',
                name='trust',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.trust'),
            ),
            migrations.AlterField(
                model_name='historicalpreferences_regions',
                name='region',
                field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.region'),
            ),
            migrations.AlterField(
                model_name='historicalpreferences_role_types',
                name='leadershiproletype',
                field=models.ForeignKey(blank=True, db_constraint=False, db_tablespace='', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.leadershiproletype'),
            ),
            migrations.AlterField(
                model_name='historicalproject',
                name='trust',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.trust'),
            ),
            migrations.AlterField(
                model_name='historicaltrainee',
                name='current_trust',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.trust'),
            ),
            migrations.AlterField(
                model_name='historicaltrainee',
                name='region',
                field=models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='reference.region'),
            ),
            migrations.AlterField(
                model_name='leadershiprole',
                name='role_type',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, to='reference.leadershiproletype'),
            ),
            migrations.AlterField(
                model_name='leadershiprole',
                name='trust',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='reference.trust'),
            ),
            migrations.AlterField(
                model_name='placement',
                name='trust',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='placements', to='reference.trust'),
            ),
            migrations.AlterField(
                model_name='preferences',
                name='regions',
                field=models.ManyToManyField(blank=True, related_name='+', to='reference.region'),
            ),
            migrations.AlterField(
                model_name='preferences',
                name='role_types',
                field=models.ManyToManyField(blank=True, related_name='+', to='reference.leadershiproletype'),
            ),
            migrations.AlterField(
                model_name='project',
                name='trust',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='reference.trust'),
            ),
            migrations.AlterField(
                model_name='trainee',
                name='current_trust',
                field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='trainees', to='reference.trust'),
            ),
            migrations.AlterField(
                model_name='trainee',
                name='region',
                field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='trainees', to='reference.region'),
            ),
            migrations.DeleteModel(
                name='FrameworkDomain',
            ),
            migrations.DeleteModel(
                name='LeadershipFramework',
            ),
            migrations.DeleteModel(
                name='FrameworkElement',
            ),
            migrations.DeleteModel(
                name='Grade',
            ),
            migrations.DeleteModel(
                name='Specialty',
            ),
        ]),
    ]
