"""What the import tests share."""

import pytest

from imports import plans
from tests import factories
from trainees.models import Trainee


@pytest.fixture
def added_meanwhile(monkeypatch):
    """Someone else adds trainee 1234567 between the check and the write, once: the
    commit meets PostgreSQL's real unique violation."""
    original, done = plans.bulk_create_with_history, []

    def racing(objs, model, **options):
        if model is Trainee and not done:
            done.append(factories.TraineeFactory(gmc_number="1234567"))
        return original(objs, model, **options)

    monkeypatch.setattr(plans, "bulk_create_with_history", racing)
