"""What each app holds about a person, for "download my data" and for erasure.

The pretix "data shredder" pattern: no module knows every app. Each app registers, in
its `personal_data.py` (imported by its `AppConfig.ready`), the parts of a trainee's
record it keeps: how to export them readably and how to erase them. The trainee's own
row is anonymised last, by `trainees.erasure`, after every registered part is erased.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Export = Callable[[Any], Any]  # the trainee → JSON-ready data
Erase = Callable[[Any], object]  # the trainee → nothing left that identifies them (any result is ignored)


@dataclass(frozen=True)
class Holding:
    name: str  # its key in the download, e.g. "matches"
    export: Export | None
    erase: Erase | None


_HOLDINGS: dict[str, Holding] = {}


def register(name: str, *, export: Export | None = None, erase: Erase | None = None) -> None:
    if name in _HOLDINGS:
        raise ValueError(f"Personal data {name!r} is registered twice")
    _HOLDINGS[name] = Holding(name, export, erase)


def holdings() -> list[Holding]:
    return list(_HOLDINGS.values())


def export_all(trainee) -> dict[str, Any]:
    """Everything every app holds about the trainee, by part."""
    return {h.name: h.export(trainee) for h in _HOLDINGS.values() if h.export is not None}


def erase_all(trainee) -> None:
    """Erase every registered part, the apps highest in the layers first."""
    for holding in reversed(list(_HOLDINGS.values())):
        if holding.erase is not None:
            holding.erase(trainee)
