"""Who may see what: every queryset a viewer reads is scoped by a rule registered here.

Each app registers, in its `scopes.py`, one rule per (model, role) for its own models,
and may add a rule for a model below it when the relation lives in that app: a mentor
sees the trainees they mentor (registered by `mentoring`), a director the candidates who
said they are interested (registered by `pipeline`). Pages and the API both read through
the `<things>_for(user)` helpers in those modules, so neither can show what the other
would hide. A role without a rule sees nothing, and an object outside a viewer's scope
is simply absent from the queryset, which views turn into a 404.
"""

from collections.abc import Callable
from typing import TypeVar

from django.db.models import Model, QuerySet

from accounts.models import Role, User

M = TypeVar("M", bound=Model)
Rule = Callable[[User, QuerySet], QuerySet]

_RULES: dict[tuple[type[Model], str], Rule] = {}


def rule(model: type[Model], *roles: str) -> Callable[[Rule], Rule]:
    """Register `fn(user, queryset)` as what `roles` may see of `model`."""
    def register(fn: Rule) -> Rule:
        for role in roles:
            if (model, role) in _RULES:
                raise ValueError(f"Two scope rules for {model.__name__} and {role}")
            _RULES[(model, role)] = fn
        return fn
    return register


def visible(user: User, queryset: QuerySet[M]) -> QuerySet[M]:
    """The part of `queryset` the viewer may see: nothing without a rule for their role."""
    found = _RULES.get((queryset.model, user.role)) if user.is_authenticated else None
    return found(user, queryset) if found else queryset.none()


def everything(user: User, queryset: QuerySet) -> QuerySet:
    """A rule for administrators, who see every row."""
    return queryset


def registered() -> dict[tuple[type[Model], str], Rule]:
    return dict(_RULES)


__all__ = ["Role", "everything", "registered", "rule", "visible"]
