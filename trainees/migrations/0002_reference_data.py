from django.db import migrations

from reference.loading import load_frameworks, load_grades, load_specialties


class Migration(migrations.Migration):
    dependencies = [("trainees", "0001_initial")]

    operations = [
        migrations.RunPython(load_grades, migrations.RunPython.noop),
        migrations.RunPython(load_specialties, migrations.RunPython.noop),
        migrations.RunPython(load_frameworks, migrations.RunPython.noop),
    ]
