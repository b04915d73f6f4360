"""Reading an uploaded CSV or XLSX file into rows keyed by our column names.

Every limit is applied while the file is read, before any more of it is held: a mistaken
export (a million blank-looking rows) or a hostile one (a zip bomb) is refused with a
sentence, instead of filling the import worker's memory or running out its time limit.
"""

import csv
import io
import zipfile
from collections.abc import Iterator, Sequence
from datetime import date, datetime, time
from typing import BinaryIO

from celery.exceptions import SoftTimeLimitExceeded
from openpyxl import load_workbook
from openpyxl.xml.functions import iterparse

from imports.checks import shown

# The upload itself. A full-size file of 100,000 trainees is about 10 MB as CSV.
MAX_BYTES = 20 * 1024 * 1024
# Rows below the header. We read one more than this and stop, so a file of millions of
# rows costs no more than a file just over the limit.
MAX_ROWS = 100_000
# An XLSX file is a zip: 20 MB of it can unzip to gigabytes. The sizes its central
# directory declares are summed before openpyxl opens anything (zipfile never unzips a
# member beyond its declared size). A 100,000-row file unzips to about 50 MB.
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024
# openpyxl streams the worksheets but reads every other part whole (shared strings,
# styles), holding several times its size in memory. 100,000 trainees need about 7 MB.
MAX_WHOLE_PART_BYTES = 24 * 1024 * 1024
# Cells in one row. openpyxl builds a whole row before handing it over, so one row of a
# million cells would fill memory; our widest file has 8 columns. Inside its cells a row
# has other elements too (values, the runs of formatted text): a few per cell.
MAX_COLUMNS = 200
MAX_ROW_ELEMENTS = MAX_COLUMNS * 5
# Elements of a worksheet outside its rows (column widths, merged cells, formatting):
# openpyxl keeps them all, and a plain list has a few dozen.
MAX_SHEET_EXTRAS = 10_000
# How far down a sheet rows may be numbered: room for blank rows between the data rows.
MAX_SHEET_ROW = 2 * MAX_ROWS
# Characters in one CSV line, read a line at a time: no row of ours comes near it.
MAX_LINE_CHARS = 64 * 1024
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y")
WORKSHEETS = "xl/worksheets/"
TOO_MUCH_BESIDES_ROWS = ("The XLSX file holds too much besides its rows: copy the rows into a new "
                         "spreadsheet, or save it as CSV")


class ImportFileError(ValueError):
    """The file as a whole cannot be read: nothing is imported."""


def read_rows(filename: str, content: bytes | BinaryIO, columns: list[str],
              optional: Sequence[str] = ()) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as dictionaries of our columns (the cells present).

    `optional` columns are read when the header has them; a row of a file without one
    has no key for it, so the importer can tell "not given" from "blank"."""
    columns = [*columns, *(c for c in optional if c not in columns)]
    required = len(columns) - len([c for c in optional if c in columns])
    stream = io.BytesIO(content) if isinstance(content, bytes) else content
    if _size(stream) > MAX_BYTES:
        raise ImportFileError(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB")
    name = filename.lower()
    if name.endswith(".csv"):
        rows = _csv_rows(stream, columns, required)
    elif name.endswith(".xlsx"):
        rows = _xlsx_rows(stream, columns, required)
    else:
        raise ImportFileError("The file must be a CSV or an XLSX spreadsheet")
    if not rows:
        raise ImportFileError("The file has no rows below its header")
    return rows


def _size(stream: BinaryIO) -> int:
    """The file's size, found by seeking: nothing is read."""
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    return size


def _columns(cells, columns: list[str], required: int) -> list[tuple[str, int]]:
    """Each of our columns in the header row with its position; the first `required`
    must be there, the rest (optional) may be."""
    header = [str(c or "").strip().lower().replace(" ", "_") for c in cells]
    missing = [c for c in columns[:required] if c not in header]
    if missing:
        raise ImportFileError("The header is missing these columns: " + ", ".join(missing))
    return [(c, header.index(c)) for c in columns if c in header]


def _collect(rows: Iterator, columns: list[str], required: int) -> list[dict[str, str]]:
    """Our columns of each non-blank row, stopping one row past MAX_ROWS."""
    positions = _columns(next(rows, []), columns, required)
    kept: list[dict[str, str]] = []
    for row in rows:
        cells = ["" if c is None else str(c).strip() for c in row]
        if not any(cells):
            continue
        if len(kept) == MAX_ROWS:
            raise ImportFileError(f"The file has more than {MAX_ROWS:,} rows: split it")
        kept.append({name: cells[i] for name, i in positions if i < len(cells)})
    return kept


def _csv_rows(stream: BinaryIO, columns: list[str], required: int) -> list[dict[str, str]]:
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        return _collect(_widths_checked(csv.reader(_lines(text))), columns, required)
    except UnicodeDecodeError as error:
        raise ImportFileError("The CSV file must be saved as UTF-8") from error
    except csv.Error as error:
        raise ImportFileError(f"The CSV file could not be read: {error}") from error
    finally:
        text.detach()  # the caller's stream stays open


def _lines(text: io.TextIOWrapper) -> Iterator[str]:
    """The file's lines, refusing one too long before it is held whole."""
    while line := text.readline(MAX_LINE_CHARS + 1):
        if len(line) > MAX_LINE_CHARS:
            raise ImportFileError(f"A line of the file is longer than {MAX_LINE_CHARS:,} characters")
        yield line


def _widths_checked(rows: Iterator[list]) -> Iterator[list]:
    for row in rows:
        if len(row) > MAX_COLUMNS:
            raise ImportFileError(f"A row of the file has more than {MAX_COLUMNS} cells")
        yield row


def _xlsx_rows(stream: BinaryIO, columns: list[str], required: int) -> list[dict[str, str]]:
    try:
        _check_zip(stream)
        stream.seek(0)
        book = load_workbook(stream, read_only=True, data_only=True)
        sheet = book.active
        sheet.reset_dimensions()  # a sheet's declared size may be anything: read its cells
        rows = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
        found = _collect((tuple(_cell_text(c) for c in row) for row in rows), columns, required)
        book.close()
        return found
    except (ImportFileError, SoftTimeLimitExceeded):  # the time limit is no fault of the file
        raise
    except Exception as error:  # openpyxl and zipfile raise many kinds for a damaged file
        raise ImportFileError("The XLSX file could not be read") from error


def _check_zip(stream: BinaryIO) -> None:
    """Refuse a workbook that would unzip to too much, before openpyxl reads any of it."""
    with zipfile.ZipFile(stream) as archive:
        members = archive.infolist()
        sheets = [m for m in members if m.filename.startswith(WORKSHEETS) and m.filename.endswith(".xml")]
        if sum(m.file_size for m in members) > MAX_UNCOMPRESSED_BYTES:
            raise ImportFileError(f"The XLSX file unzips to more than "
                                  f"{MAX_UNCOMPRESSED_BYTES // (1024 * 1024)} MB: split it")
        if sum(m.file_size for m in members if m not in sheets) > MAX_WHOLE_PART_BYTES:
            raise ImportFileError(TOO_MUCH_BESIDES_ROWS)
        for member in sheets:
            with archive.open(member) as sheet:
                _check_sheet(sheet)


def _check_sheet(sheet) -> None:
    """Count a worksheet's elements as it streams past, dropping each once counted, so
    openpyxl is never handed a row, or a pile of formatting, too big to hold."""
    open_elements: list = []
    cells = parts = -1  # in the open row: its cells, and its other elements; -1 outside rows
    extras = 0
    for event, element in iterparse(sheet, events=("start", "end")):
        tag = element.tag.rpartition("}")[2]
        if event == "start":
            open_elements.append(element)
            if tag == "row":
                _check_row_number(element.get("r"))
                cells = parts = 0
            continue
        open_elements.pop()
        if tag == "row":
            cells = parts = -1
        elif cells >= 0:
            cells, parts = (cells + 1, parts) if tag == "c" else (cells, parts + 1)
            if cells > MAX_COLUMNS or parts > MAX_ROW_ELEMENTS:
                raise ImportFileError(f"A row of the file has more than {MAX_COLUMNS} cells, "
                                      "or too much in them: save it as CSV")
        elif open_elements and tag != "sheetData":
            extras += 1
            if extras > MAX_SHEET_EXTRAS:
                raise ImportFileError(TOO_MUCH_BESIDES_ROWS)
        if open_elements:
            open_elements[-1].remove(element)


def _check_row_number(number: str | None) -> None:
    # openpyxl hands over a blank row for every row number skipped, so one row numbered
    # a billion would be a billion rows to read.
    if number is not None and int(number) > MAX_SHEET_ROW:
        raise ImportFileError(f"The sheet has rows below row {MAX_SHEET_ROW:,}: split it")


def _cell_text(value) -> str | None:
    """A cell as the text a CSV would hold: a date cell as 2026-08-01, not a timestamp."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else str(value)
    if isinstance(value, date):
        return value.isoformat()
    return None if value is None else str(value)


def parse_date(text: str, label: str, errors: list[str]) -> date | None:
    """A date written as 2026-08-01 or 01/08/2026; otherwise None and an error."""
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    errors.append(f"{label} '{shown(text)}' is not a date like 2026-08-01 or 01/08/2026")
    return None
