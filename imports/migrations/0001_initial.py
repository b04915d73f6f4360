"""State only: the models moved apps but kept their tables (docs/architecture.md).

Regions, trusts, kinds of role, grades, specialties and the frameworks moved to
`reference`; the outbox to `notifications`; import batches to `imports`. Nothing in
the database changes here: the foreign keys already point at the same tables.
"""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('pipeline', '0008_import_batch'),
        ('reference', '0001_initial'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=[
            migrations.CreateModel(
                name='ImportBatch',
                fields=[
                    ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                    ('uuid', models.UUIDField(default=uuid.uuid4, editable=False, unique=True)),
                    ('created_at', models.DateTimeField(auto_now_add=True)),
                    ('updated_at', models.DateTimeField(auto_now=True)),
                    ('kind', models.CharField(default='trainees', max_length=20)),
                    ('filename', models.CharField(max_length=200)),
                    ('content', models.BinaryField()),
                    ('status', models.CharField(choices=[('validating', 'Checking'), ('validated', 'Checked, not yet imported'), ('committing', 'Importing'), ('committed', 'Imported'), ('failed', 'Failed')], default='validating', max_length=16)),
                    ('rows_total', models.PositiveIntegerField(default=0)),
                    ('rows_done', models.PositiveIntegerField(default=0)),
                    ('summary', models.JSONField(default=dict)),
                    ('report', models.JSONField(default=list)),
                    ('error', models.TextField(blank=True)),
                    ('region', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='reference.region')),
                    ('uploaded_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ],
                options={
                    'db_table': 'pipeline_importbatch',
                    'ordering': ['-created_at'],
                },
            ),
        ]),
    ]
