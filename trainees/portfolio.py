"""The kinds of portfolio item a trainee keeps, described once for views and templates."""

from dataclasses import dataclass

from django import forms
from django.db import models

from trainees.forms import EvidenceForm, LeadershipRoleForm, ProjectForm, QualificationForm
from trainees.models import Evidence, LeadershipRole, Project, Qualification


@dataclass(frozen=True)
class PortfolioKind:
    slug: str
    model: type[models.Model]
    form: type[forms.ModelForm]
    singular: str  # "a piece of evidence"
    noun: str  # "evidence"
    heading: str  # "Evidence"
    empty: str  # what to say when there is none


KINDS = {
    kind.slug: kind
    for kind in [
        PortfolioKind("evidence", Evidence, EvidenceForm, "evidence", "evidence", "Evidence",
                      "Add what you have done against the leadership frameworks: each piece of "
                      "evidence counts towards a domain or a dimension."),
        PortfolioKind("projects", Project, ProjectForm, "an improvement project", "project",
                      "Improvement projects",
                      "Record improvement projects with their aim, measures and outcome."),
        PortfolioKind("qualifications", Qualification, QualificationForm, "a qualification",
                      "qualification", "Qualifications",
                      "Add leadership or management qualifications you hold."),
        PortfolioKind("roles", LeadershipRole, LeadershipRoleForm, "a leadership role", "role",
                      "Leadership roles",
                      "Add leadership roles you hold or have held, such as chief registrar."),
    ]
}
