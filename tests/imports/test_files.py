"""Limits on rows and bytes are applied while a file streams in, before it is held whole
(issue #23): a huge or hostile file is refused early, with a sentence."""

import datetime as dt
import io
import tracemalloc
import zipfile

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from imports import files
from imports.files import ImportFileError
from imports.registry import plan_import
from tests import factories
from tests.trainees.test_imports import csv_bytes, row
from trainees.imports import COLUMNS, PLACEMENT_COLUMNS

HEADER = ",".join(COLUMNS).encode() + b"\n"
SHEET = "xl/worksheets/sheet1.xml"


def read(name: str, content: bytes) -> list[dict[str, str]]:
    return files.read_rows(name, content, COLUMNS)


def xlsx(*rows: list) -> bytes:
    book = Workbook()
    for cells in rows:
        book.active.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def with_sheet(sheet_rows: bytes, extra: bytes = b"") -> bytes:
    """A real workbook whose first sheet is replaced by these rows (raw XML)."""
    source = zipfile.ZipFile(io.BytesIO(xlsx(COLUMNS)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for member in source.infolist():
            content = source.read(member)
            if member.filename == SHEET:
                content = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                           b"<sheetData>" + sheet_rows + b"</sheetData>" + extra + b"</worksheet>")
            book.writestr(member.filename, content)
    return out.getvalue()


def inline_row(number: int, cells: int) -> bytes:
    return (f'<row r="{number}">'.encode()
            + b'<c t="inlineStr"><is><t>x</t></is></c>' * cells + b"</row>")


@pytest.fixture
def openpyxl_never_opens(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("openpyxl was asked to open a file that should be refused first")

    monkeypatch.setattr(files, "load_workbook", refuse)


def test_a_2_mb_csv_of_one_character_rows_is_refused_without_holding_a_million_rows():
    content = HEADER + b"a\n" * 1_000_000
    tracemalloc.start()
    try:
        with pytest.raises(ImportFileError, match="more than 100,000 rows"):
            read("t.csv", content)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 48 * 1024 * 1024  # every row held would be about 300 MB


def test_the_csv_row_limit_counts_rows_not_lines(monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 3)
    assert len(read("t.csv", csv_bytes([row("1234567")] * 3) + b"\n\n\n")) == 3
    with pytest.raises(ImportFileError, match="more than 3 rows"):
        read("t.csv", csv_bytes([row("1234567")] * 4))


def test_a_file_over_the_byte_limit_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 1000)

    class Unreadable(io.BytesIO):
        def read(self, *args):
            raise AssertionError("read")

    with pytest.raises(ImportFileError, match="larger than"):
        files.read_rows("t.csv", Unreadable(b"x" * 1001), COLUMNS)


@pytest.mark.parametrize("line, message", [
    (b"a" * (files.MAX_LINE_CHARS + 10) + b"\n", "longer than"),
    (b"," * (files.MAX_COLUMNS + 1) + b"\n", "more than 200 cells"),
    (b'"' + b"a\n" * 70_000 + b'"\n', "could not be read"),  # one quoted cell of 140,000 characters
])
def test_a_csv_line_too_long_or_too_wide_is_refused(line, message):
    with pytest.raises(ImportFileError, match=message):
        read("t.csv", HEADER + line)


def test_an_xlsx_that_unzips_to_too_much_is_refused_from_its_central_directory(openpyxl_never_opens):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as bomb, bomb.open(SHEET, "w") as sheet:
        for _ in range(files.MAX_UNCOMPRESSED_BYTES // (1024 * 1024) + 1):
            sheet.write(b" " * 1024 * 1024)
    assert len(out.getvalue()) < files.MAX_BYTES // 20
    with pytest.raises(ImportFileError, match="unzips to more than 100 MB"):
        read("bomb.xlsx", out.getvalue())


def test_an_xlsx_whose_other_parts_are_too_big_is_refused(openpyxl_never_opens):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("xl/sharedStrings.xml", b"<sst>" + b"<si><t>a</t></si>" * 1_500_000 + b"</sst>")
    with pytest.raises(ImportFileError, match="too much besides its rows"):
        read("strings.xlsx", out.getvalue())


@pytest.mark.parametrize("sheet_rows, extra, message", [
    (inline_row(1, files.MAX_COLUMNS + 1), b"", "more than 200 cells"),
    (inline_row(1, 8) + inline_row(10_000_000, 1), b"", "rows below row 200,000"),
    (inline_row(1, 8), b"<mergeCells>" + b'<mergeCell ref="A1:B1"/>' * 10_001 + b"</mergeCells>",
     "too much besides its rows"),
])
def test_an_xlsx_sheet_too_wide_too_deep_or_too_cluttered_is_refused_before_openpyxl(
        openpyxl_never_opens, sheet_rows, extra, message):
    with pytest.raises(ImportFileError, match=message):
        read("t.xlsx", with_sheet(sheet_rows, extra))


def test_xlsx_rows_stop_at_one_past_the_limit(monkeypatch):
    monkeypatch.setattr(files, "MAX_ROWS", 5)
    read_cells = []
    cell_text = files._cell_text
    monkeypatch.setattr(files, "_cell_text", lambda v: read_cells.append(v) or cell_text(v))
    content = xlsx(COLUMNS, *[list(row(f"{1000000 + i}").values()) for i in range(1000)])
    with pytest.raises(ImportFileError, match="more than 5 rows"):
        read("t.xlsx", content)
    assert len(read_cells) <= 7 * files.MAX_COLUMNS  # the header and 6 rows, not 1,000


@pytest.mark.django_db
def test_xlsx_date_cells_are_read_as_dates():
    factories.TraineeFactory(gmc_number="1234567")
    factories.TrustFactory(ods_code="RJ1")
    content = xlsx(PLACEMENT_COLUMNS, ["1234567", "RJ1", "Anaesthetics", "ST4", "clinical",
                                       dt.datetime(2026, 8, 5), dt.date(2027, 2, 4)])
    plan = plan_import("placements", "p.xlsx", content)
    assert plan.counts()["create"] == 1, plan.outcomes[0].errors


@pytest.mark.django_db
def test_the_command_refuses_a_file_too_large_without_reading_it(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "MAX_BYTES", 100)
    path = tmp_path / "big.csv"
    path.write_bytes(HEADER + b"x" * 200)
    with pytest.raises(CommandError, match="larger than"):
        call_command("import_trainees", str(path))
    with pytest.raises(CommandError, match="could not be opened"):
        call_command("import_trainees", str(tmp_path))
    with pytest.raises(CommandError, match="No file at"):
        call_command("import_trainees", str(tmp_path / "missing.csv"))
