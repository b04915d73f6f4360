from django.db import migrations

from reference.loading import load_schemes


class Migration(migrations.Migration):
    dependencies = [("schemes", "0001_initial"), ("pipeline", "0003_reference_data")]

    operations = [migrations.RunPython(load_schemes, migrations.RunPython.noop)]
