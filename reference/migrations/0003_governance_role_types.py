from django.db import migrations

from reference.loading import load_role_types


class Migration(migrations.Migration):
    """The kinds of role of governance opportunities and short projects (issue #20)."""

    dependencies = [("reference", "0002_moved_content_types")]

    operations = [migrations.RunPython(load_role_types, migrations.RunPython.noop)]
