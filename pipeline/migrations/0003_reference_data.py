from django.db import migrations

from reference.loading import load_regions, load_role_types


class Migration(migrations.Migration):
    dependencies = [("pipeline", "0002_initial")]

    operations = [
        migrations.RunPython(load_regions, migrations.RunPython.noop),
        migrations.RunPython(load_role_types, migrations.RunPython.noop),
    ]
