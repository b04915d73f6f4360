"""The registries apps fill from their AppConfig.ready: scopes, imports, personal data."""

import pytest

from accounts.models import Role
from accounts.scoping import registered, rule, visible
from core import personal_data
from imports import registry
from imports.models import ImportBatch
from trainees.models import Trainee

pytestmark = pytest.mark.django_db


def test_a_role_without_a_rule_sees_nothing(cast):
    # Nobody registered what mentors see of import batches: so they see none.
    ImportBatch.objects.create(region=cast.region_a, filename="t.csv", content=b"")
    assert not visible(cast.mentor_user, ImportBatch.objects.all()).exists()


def test_a_relation_higher_up_adds_its_own_rule_for_trainees():
    # mentoring adds what a mentor sees, the pipeline what a director sees.
    rules = registered()
    assert rules[(Trainee, Role.MENTOR)].__module__ == "mentoring.scopes"
    assert rules[(Trainee, Role.MEDICAL_DIRECTOR)].__module__ == "pipeline.scopes"
    assert rules[(Trainee, Role.DEANERY_STAFF)].__module__ == "trainees.scopes"


def test_two_rules_for_one_model_and_role_are_refused():
    with pytest.raises(ValueError, match="Two scope rules"):
        rule(Trainee, Role.TRAINEE)(lambda user, qs: qs)


def test_every_kind_of_import_is_registered_by_the_app_that_owns_it():
    assert registry.kinds() == ["trainees", "placements", "fellowships"]
    assert registry.importer_for("fellowships").plan.__module__ == "schemes.imports"


def test_each_app_registers_what_it_holds_about_a_person():
    names = [h.name for h in personal_data.holdings()]
    for expected in ("account", "trainee", "placements", "evidence", "preferences", "fellowships",
                     "mentorships", "mentor_profile", "matches", "interests", "emails", "import_files",
                     "round_choices", "roles_you_posted"):
        assert expected in names
    assert names.index("account") < names.index("trainee")  # so the account is erased last
    with pytest.raises(ValueError, match="registered twice"):
        personal_data.register("matches", models=[], export=dict, erase=personal_data.keep_authored)
