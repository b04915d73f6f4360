"""On PostgreSQL, the two indexes of matches also carry what the matching jobs read.

- The unique (trainee, vacancy) index carries the score: publishing a role looks up each
  candidate's k-th best stored score (issue #24).
- The (vacancy, score) index carries the trainee, the reasons' digest and the id: a rematch
  reads them for every row of its roles to decide what changed.

With the table vacuumed after each full rematch, PostgreSQL answers both from the index
alone instead of visiting each row across the table. The model keeps the plain index and
constraint: on SQLite, Django would not create a unique constraint with INCLUDE at all (and
would warn of an index with one), and its model state need not know of the extra columns.
A later migration that removes `reasons_digest` drops the (vacancy, score) index with it on
PostgreSQL: it must recreate that index.
"""

from django.db import migrations

CONSTRAINT = "one_match_per_trainee_vacancy"
INDEX = "pipeline_ma_vacancy_94677a_idx"


def _recreate(schema_editor, pair_include: str, vacancy_include: str) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"ALTER TABLE pipeline_match DROP CONSTRAINT {CONSTRAINT}")
    schema_editor.execute(f"ALTER TABLE pipeline_match ADD CONSTRAINT {CONSTRAINT} "
                          f"UNIQUE (trainee_id, vacancy_id){pair_include}")
    schema_editor.execute(f"DROP INDEX {INDEX}")
    schema_editor.execute(f"CREATE INDEX {INDEX} ON pipeline_match (vacancy_id, score DESC){vacancy_include}")


def carry_what_jobs_read(apps, schema_editor):
    _recreate(schema_editor, " INCLUDE (score)", " INCLUDE (trainee_id, reasons_digest, id)")


def carry_nothing_more(apps, schema_editor):
    _recreate(schema_editor, "", "")


class Migration(migrations.Migration):

    dependencies = [
        ("pipeline", "0018_match_reasons_digest"),
    ]

    operations = [
        migrations.RunPython(carry_what_jobs_read, carry_nothing_more),
    ]
