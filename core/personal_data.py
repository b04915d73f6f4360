"""What each app holds about a person: for "download my data", for erasure and for retention.

The pretix "data shredder" pattern: no module knows every app. Each app registers, in its
`personal_data.py` (called from its `AppConfig.ready`), the parts of a person's data it
keeps. A part (a *holding*) names the models it covers, how to export it readably and how
to erase it. A person is an account (`accounts.User`); a trainee's training record is one
of the things an account may have, found by the app that keeps it.

Erasure runs in two steps. First every holding says what the person is known by (names,
email addresses, GMC number): `Person.identifiers`, so that parts erased later can still
find them named in other people's records (an email to staff, a line of an uploaded file)
after their own rows are anonymised. Then every holding erases its part, the apps highest
in the layers first, so the account itself goes last. Whatever stays (for counts) keeps
nothing that identifies them.

Every model with a foreign key to a person or a trainee is covered by a holding, or listed
here as holding nothing personal with the reason why (tests/test_personal_data_registry.py).
A model's audit history (django-simple-history) is covered with it: the holding purges or
blanks it on erasure, since it would otherwise keep the old values.

Retention periods (docs/privacy.md) are registered here too, and applied every night.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import models
from django.db.models import Q, QuerySet
from django.utils import timezone

# What stands in for a person's name or address in records that stay.
FORMER_USER = "a former user"
# Shorter words than this are never scrubbed from others' text: they would match anything.
SHORTEST_IDENTIFIER = 3


@dataclass(frozen=True)
class Person:
    """Whose data is erased: their account, and every name, address and number they are
    known by (gathered before anything is erased)."""

    user: Any  # accounts.User (core imports no app)
    identifiers: frozenset[str]


Export = Callable[[Any], Any]  # the account → JSON-ready data (empty when they hold none)
Erase = Callable[[Person], object]  # nothing left that identifies them (any result is ignored)
Identify = Callable[[Any], Iterable[str]]  # the account → names, addresses, numbers


@dataclass(frozen=True)
class Holding:
    name: str  # its key in the download, e.g. "matches"
    models: tuple[type[models.Model], ...]  # with their histories: see `covered`
    export: Export
    erase: Erase
    identify: Identify | None = None


@dataclass(frozen=True)
class Retention:
    name: str  # as docs/privacy.md names it
    kept_for: timedelta
    apply: Callable[[datetime], int]  # the cutoff → rows removed or emptied; safe to run again


_HOLDINGS: dict[str, Holding] = {}
_NOTHING_PERSONAL: dict[type[models.Model], str] = {}
_RETENTIONS: dict[str, Retention] = {}


def register(name: str, *, models: Iterable[type[models.Model]], export: Export, erase: Erase,
             identify: Identify | None = None) -> None:
    if name in _HOLDINGS:
        raise ValueError(f"Personal data {name!r} is registered twice")
    _HOLDINGS[name] = Holding(name, tuple(models), export, erase, identify)


def holds_nothing_personal(model: type[models.Model], *, reason: str) -> None:
    """Say that a model pointing at a person keeps nothing about them worth erasing, and why."""
    if not reason.strip():
        raise ValueError("Say why the model holds nothing personal")
    _NOTHING_PERSONAL[model] = reason


def retain(name: str, *, kept_for: timedelta, apply: Callable[[datetime], int]) -> None:
    if name in _RETENTIONS:
        raise ValueError(f"Retention of {name!r} is registered twice")
    _RETENTIONS[name] = Retention(name, kept_for, apply)


def holdings() -> list[Holding]:
    return list(_HOLDINGS.values())


def retentions() -> list[Retention]:
    return list(_RETENTIONS.values())


def history_model(model: type[models.Model]) -> type[models.Model] | None:
    """The model keeping `model`'s audit history (django-simple-history), if it has one."""
    manager = getattr(model, "history", None)
    return getattr(manager, "model", None) if manager is not None else None


def covered() -> dict[type[models.Model], str]:
    """Every model the registry accounts for → the holding that covers it (or why it holds
    nothing personal). A covered model's history is covered by the same holding."""
    found: dict[type[models.Model], str] = {}
    for holding in _HOLDINGS.values():
        for model in holding.models:
            for each in (model, history_model(model)):
                if each is not None:
                    found.setdefault(each, holding.name)
    return {**{model: f"nothing personal: {why}" for model, why in _NOTHING_PERSONAL.items()}, **found}


def export_all(user) -> dict[str, Any]:
    """Everything every app holds about the person, by part: every part is there, empty or not."""
    return {h.name: h.export(user) for h in _HOLDINGS.values()}


def person(user) -> Person:
    """The person behind an account, with every identifier a holding knows them by."""
    found: set[str] = set()
    for holding in _HOLDINGS.values():
        if holding.identify is not None:
            found.update(i.strip() for i in holding.identify(user) if i)
    return Person(user, frozenset(i for i in found if len(i) >= SHORTEST_IDENTIFIER))


def erase_all(user) -> Person:
    """Erase every registered part, the apps highest in the layers first (the caller holds
    the transaction)."""
    subject = person(user)
    for holding in reversed(list(_HOLDINGS.values())):
        holding.erase(subject)
    return subject


def keep_authored(person: Person) -> None:
    """Erasure of records a person wrote or ran for others (a round, a note): they stay, and
    their author becomes the anonymised account ("Former member of staff")."""


def apply_retention(now: datetime | None = None) -> dict[str, int]:
    """Remove or empty whatever has been kept longer than its period; safe to run again."""
    now = now or timezone.now()
    return {r.name: r.apply(now - r.kept_for) for r in _RETENTIONS.values()}


# -- finding and removing mentions of a person in other people's records --------------------


def _pattern(identifiers: Iterable[str]) -> re.Pattern[str] | None:
    words = sorted({i for i in identifiers if len(i) >= SHORTEST_IDENTIFIER}, key=len, reverse=True)
    return re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE) if words else None


def scrub(value: Any, identifiers: Iterable[str], replacement: str = FORMER_USER) -> Any:
    """`value` (text, or JSON-ready data) with every mention of the identifiers replaced."""
    pattern = _pattern(identifiers)
    return value if pattern is None else _scrubbed(value, pattern, replacement)


def _scrubbed(value: Any, pattern: re.Pattern[str], replacement: str) -> Any:
    if isinstance(value, str):
        return pattern.sub(replacement, value)
    if isinstance(value, list):
        return [_scrubbed(v, pattern, replacement) for v in value]
    if isinstance(value, dict):
        return {k: _scrubbed(v, pattern, replacement) for k, v in value.items()}
    return value


def mentions(value: Any, identifiers: Iterable[str]) -> bool:
    return scrub(value, identifiers, "\x00") != value


def mentioning(queryset: QuerySet, fields: Iterable[str], identifiers: Iterable[str]) -> QuerySet:
    """The rows whose text (or JSON) fields mention any of the identifiers."""
    words = [i for i in identifiers if len(i) >= SHORTEST_IDENTIFIER]
    condition = Q()
    for field in fields:
        for word in words:
            condition |= Q(**{f"{field}__icontains": word})
    return queryset.filter(condition) if words and condition else queryset.none()


def scrub_mentions(queryset: QuerySet, fields: list[str], identifiers: Iterable[str]) -> int:
    """Replace every mention of the person in these fields of these rows, and in the
    model's history; how many rows changed. Written by `update`, so no history is added."""
    changed = _scrub_rows(queryset, fields, identifiers)
    history = history_model(queryset.model)
    if history is not None:  # a history may leave fields out (a meeting's private notes)
        kept = {field.name for field in history._meta.fields}
        _scrub_rows(history._default_manager.all(), [f for f in fields if f in kept], identifiers)
    return changed


def _scrub_rows(queryset: QuerySet, fields: list[str], identifiers: Iterable[str]) -> int:
    rows = list(mentioning(queryset, fields, identifiers).values("pk", *fields))
    for row in rows:
        queryset.model._default_manager.filter(pk=row.pop("pk")).update(
            **{field: scrub(value, identifiers) for field, value in row.items()})
    return len(rows)


def purge_history(model: type[models.Model], **lookups: Any) -> None:
    """Delete the audit history of the person's own rows of `model` (it keeps old values)."""
    history = history_model(model)
    if history is not None:
        history._default_manager.filter(**lookups).delete()
