"""Point the content types of the moved models at their new apps.

Permissions, admin log entries and history that refer to a model by content type keep
working: the row is relabelled, not replaced. On a fresh database there is nothing to
relabel yet (content types are created after migrating).
"""

from django.db import migrations

MOVED = {
    ("pipeline", "region"): "reference",
    ("pipeline", "trust"): "reference",
    ("pipeline", "leadershiproletype"): "reference",
    ("trainees", "grade"): "reference",
    ("trainees", "specialty"): "reference",
    ("trainees", "leadershipframework"): "reference",
    ("trainees", "frameworkdomain"): "reference",
    ("trainees", "frameworkelement"): "reference",
    ("pipeline", "notification"): "notifications",
    ("pipeline", "importbatch"): "imports",
}


def relabel(apps, schema_editor, forwards=True) -> None:
    ContentType = apps.get_model("contenttypes", "ContentType")
    for (old_app, model), new_app in MOVED.items():
        source, target = (old_app, new_app) if forwards else (new_app, old_app)
        if not ContentType.objects.filter(app_label=target, model=model).exists():
            ContentType.objects.filter(app_label=source, model=model).update(app_label=target)


def relabel_back(apps, schema_editor) -> None:
    relabel(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("reference", "0001_initial"),
        ("notifications", "0001_initial"),
        ("imports", "0001_initial"),
    ]

    operations = [migrations.RunPython(relabel, relabel_back)]
