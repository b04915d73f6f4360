"""The kinds of file staff can import. Each app registers its own in `AppConfig.ready`.

`imports` knows how to read a file, plan it and commit it; it knows nothing of
trainees or fellowships. `trainees` registers trainees and placements, `schemes`
registers fellowships, so the import page and `manage.py import_trainees` offer every
kind without importing the apps that define them.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from imports.files import read_rows
from imports.plans import ImportPlan

# plan(rows, region_id=..., on_progress=...) -> ImportPlan; writes nothing.
Planner = Callable[..., ImportPlan]
# accepted(region_id) -> {column: the values it accepts}, for the coded columns.
Accepted = Callable[[int | None], dict[str, list[str]]]


def _none_coded(region_id: int | None) -> dict[str, list[str]]:
    return {}


@dataclass(frozen=True)
class Importer:
    kind: str  # "trainees", "placements", "fellowships"
    label: str  # for the page: "Trainees"
    columns: list[str]
    plan: Planner
    order: int = 0  # where the kind appears in lists
    # So staff can correct a file: what each coded column (grade, status...) accepts.
    accepted: Accepted = _none_coded
    optional_columns: tuple[str, ...] = ()  # read when the file has them


_IMPORTERS: dict[str, Importer] = {}


def register(importer: Importer) -> None:
    _IMPORTERS[importer.kind] = importer


def importers() -> list[Importer]:
    return sorted(_IMPORTERS.values(), key=lambda i: i.order)


def kinds() -> list[str]:
    return [i.kind for i in importers()]


def importer_for(kind: str) -> Importer:
    return _IMPORTERS[kind]


def coded_columns(region_id: int | None) -> list[dict]:
    """Each coded column once, with the kinds of file that have it and what it accepts."""
    columns: dict[str, dict] = {}
    for importer in importers():
        for column, values in importer.accepted(region_id).items():
            entry = columns.setdefault(column, {"column": column, "kinds": [], "values": values})
            entry["kinds"].append(importer.label)
    return list(columns.values())


def plan_import(kind: str, filename: str, content: bytes | BinaryIO, *, region_id: int | None = None,
                on_progress=None) -> ImportPlan:
    """Read and plan a file of any registered kind. Writes nothing."""
    importer = importer_for(kind)
    rows = read_rows(filename, content, importer.columns, importer.optional_columns)
    return importer.plan(rows, region_id=region_id, on_progress=on_progress)
