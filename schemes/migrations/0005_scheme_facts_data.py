from django.db import migrations

from reference.loading import load_scheme_facts


class Migration(migrations.Migration):
    dependencies = [("schemes", "0004_scheme_facts_and_interest")]

    operations = [migrations.RunPython(load_scheme_facts, migrations.RunPython.noop)]
