"""Reading an uploaded CSV or XLSX file into rows keyed by our column names."""

import csv
import io
from datetime import date, datetime

from openpyxl import load_workbook

MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")


class ImportFileError(ValueError):
    """The file as a whole cannot be read: nothing is imported."""


def read_rows(filename: str, content: bytes, columns: list[str]) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as dictionaries keyed by our column names."""
    if len(content) > MAX_BYTES:
        raise ImportFileError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    name = filename.lower()
    if name.endswith(".csv"):
        rows = _csv_rows(content, columns)
    elif name.endswith(".xlsx"):
        rows = _xlsx_rows(content, columns)
    else:
        raise ImportFileError("The file must be a CSV or an XLSX spreadsheet")
    if not rows:
        raise ImportFileError("The file has no rows below its header")
    if len(rows) > MAX_ROWS:
        raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows: split it")
    return rows


def _header(cells: list, columns: list[str]) -> list[str]:
    header = [str(c or "").strip().lower().replace(" ", "_") for c in cells]
    missing = [c for c in columns if c not in header]
    if missing:
        raise ImportFileError("The header is missing these columns: " + ", ".join(missing))
    return header


def _csv_rows(content: bytes, columns: list[str]) -> list[dict[str, str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError("The CSV file must be saved as UTF-8") from error
    reader = csv.reader(io.StringIO(text))
    header = _header(next(reader, []), columns)
    return [dict(zip(header, (c.strip() for c in row), strict=False)) for row in reader if any(row)]


def _xlsx_rows(content: bytes, columns: list[str]) -> list[dict[str, str]]:
    try:
        sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
    except Exception as error:  # openpyxl raises many kinds for a damaged file
        raise ImportFileError("The XLSX file could not be read") from error
    rows = sheet.iter_rows(values_only=True)
    header = _header(list(next(rows, [])), columns)
    return [dict(zip(header, ("" if c is None else str(c).strip() for c in row), strict=False))
            for row in rows if any(c not in (None, "") for c in row)]


def parse_date(text: str, label: str, errors: list[str]) -> date | None:
    """A date written as 2026-08-01 or 01/08/2026; otherwise None and an error."""
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(f"{label} '{text}' is not a date like 2026-08-01 or 01/08/2026")
    return None
