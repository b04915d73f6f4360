"""The layout holds: rules live in one place, and the upward channels are what the
architecture document says they are (docs/architecture.md)."""

import re
from pathlib import Path

from django.conf import settings

from accounts.events import account_email
from pipeline.events import vacancy_held
from schemes.events import alumni_statuses, fellowship_completed
from trainees.events import consent_withdrawn, matching_inputs_changed

ROOT = Path(settings.BASE_DIR)
# A status compared or looked up in a template: the page would be deciding a rule itself.
STATUS_RULE = re.compile(r"\.status\s*(==|!=|\bin\b|\bnot in\b)|\[\s*\w+\.status\s*\]|status\s*==\s*['\"]")


def test_no_template_decides_by_status():
    offenders = [f"{path.relative_to(ROOT)}:{n}" for path in (ROOT / "templates").rglob("*.jinja")
                 for n, line in enumerate(path.read_text().splitlines(), start=1)
                 if STATUS_RULE.search(line)]
    assert offenders == []


def test_the_status_rule_check_catches_a_status_in_a_template():
    assert STATUS_RULE.search('{% if vacancy.status == "draft" %}')
    assert STATUS_RULE.search("{{ colours[v.status] }}")
    assert not STATUS_RULE.search("{{ status_tag(vacancy) }}")


def test_every_event_has_the_handlers_the_architecture_document_lists():
    doc = (ROOT / "docs" / "architecture.md").read_text()
    for event in (matching_inputs_changed, consent_withdrawn, fellowship_completed, alumni_statuses,
                  vacancy_held, account_email):
        handlers = event.handlers()
        assert handlers, event.__doc__
        for handler in handlers:  # e.g. "pipeline.handlers.rematch_the_trainee"
            assert f"`{handler}`" in doc, f"{handler} is not in docs/architecture.md"
