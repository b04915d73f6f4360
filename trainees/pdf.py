"""The portfolio as an A4 PDF, for appraisal or ARCP."""

import io
from collections.abc import Iterable
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from trainees.models import Trainee
from trainees.personal_data import portfolio_context

NHS_BLUE = colors.HexColor("#005eb8")

# The PDF is built inside the request, so what it prints is bounded: reportlab wraps text in
# pure Python (and again each time a paragraph splits across a page), and a portfolio of long
# fields took tens of seconds. An ordinary portfolio prints whole; the whole record is always
# in the service and in "Download my data". At these bounds the worst case builds in under
# 2 s (docs/performance.md, "Portfolio PDF").
FIELD_CHARS = 2_000  # of each text
SECTION_CHARS = 50_000  # of each section's items together (about 15 pages)
ITEMS_PER_SECTION = 100  # however short they are
CUT_MARKER = "… (continued in the service)"


def _text(value) -> str:
    """Trainees' own words, escaped: Paragraph reads markup, and this is data."""
    return escape(str(value or ""))


def _cut(line: str) -> str:
    """The first FIELD_CHARS of a text, saying so when there is more."""
    return line if len(line) <= FIELD_CHARS else line[:FIELD_CHARS] + CUT_MARKER


def _bounded(entries: Iterable[list[str]]) -> list[list[str]]:
    """Entries (each one item's lines), cut, in order (newest first) while the section stays
    within SECTION_CHARS; the first is always shown. The caller reads at most
    ITEMS_PER_SECTION items from the database."""
    shown: list[list[str]] = []
    used = 0
    for entry in entries:
        lines = [_cut(line) for line in entry if line]
        used += sum(len(line) for line in lines)
        if shown and used > SECTION_CHARS:
            break
        shown.append(lines)
    return shown


def _left_out(shown: int, total: int, styles) -> list[Paragraph]:
    if shown == total:
        return []
    return [Paragraph(f"… and {total - shown} more (continued in the service).", styles["Normal"])]


def _item_lines(kind: str, item) -> list[str]:
    if kind == "evidence":
        return [f"{item.element} · {item.get_level_display()} · {item.occurred_on:%-d %B %Y}",
                item.what_i_did, item.what_i_learned]
    if kind == "projects":
        return [f"{item.get_status_display()} · from {item.start_date:%-d %B %Y}",
                f"Aim: {item.aim}", f"Outcome: {item.outcome}" if item.outcome else ""]
    if kind == "qualifications":
        return [f"{item.get_kind_display()}, {item.awarding_body}, {item.awarded_on:%-d %B %Y}"]
    return [f"{item.organisation} · from {item.start_date:%-d %B %Y}", item.description]


def _section(kind, items, styles) -> list[Paragraph]:
    """A section's heading and items: each item's title, then its lines."""
    story = [Paragraph(_text(kind.heading), styles["Heading2"])]
    entries = _bounded([item.title, *_item_lines(kind.slug, item)]
                       for item in items[:ITEMS_PER_SECTION])
    if not entries:
        story.append(Paragraph("None recorded.", styles["Normal"]))
    for title, *lines in entries:
        story.append(Paragraph(_text(title), styles["Heading4"]))
        story += [Paragraph(_text(line), styles["Normal"]) for line in lines]
    return story + _left_out(len(entries), items.count() if entries else 0, styles)


def _fellowships(fellowships, styles) -> list[Paragraph]:
    story = [Paragraph("Leadership fellowships", styles["Heading2"])]
    entries = _bounded([f"{f.cohort.scheme.name}, {f.cohort.name}: {f.get_status_display()}"]
                       for f in fellowships[:ITEMS_PER_SECTION])
    story += [Paragraph(_text(line), styles["Normal"]) for lines in entries for line in lines]
    return story + _left_out(len(entries), fellowships.count() if entries else 0, styles)


def _table(rows: list[list[str]]) -> Table:
    table = Table(rows, colWidths=[110 * mm, 60 * mm])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                               ("LINEBELOW", (0, 0), (-1, 0), 1, NHS_BLUE),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey)]))
    return table


def _hlm(coverage, styles) -> list:
    heading = Paragraph("Healthcare Leadership Model: pieces of evidence", styles["Heading2"])
    if not any(c.evidence_count for c in coverage):
        return [heading, Paragraph(f"No evidence is recorded against the Healthcare Leadership "
                                   f"Model's {len(coverage)} dimensions yet.", styles["Normal"])]
    rows = [[c.dimension.name, str(c.evidence_count)] for c in coverage]
    return [heading, _table([["Dimension", "Pieces of evidence"], *rows])]


def portfolio_pdf(trainee: Trainee) -> bytes:
    context = portfolio_context(trainee)
    styles = getSampleStyleSheet()
    story = [
        Paragraph("Leadership portfolio", styles["Title"]),
        Paragraph(_text(f"{trainee.full_name}, GMC {trainee.gmc_number} · {trainee.grade.code} "
                        f"{trainee.specialty.name} · {trainee.region.name}"), styles["Normal"]),
        Spacer(1, 6 * mm),
        Paragraph("Medical Leadership Competency Framework: elements evidenced", styles["Heading2"]),
    ]
    rows = [["Domain", "Elements evidenced"]] + [
        [c.domain.name, f"{c.elements_evidenced} of {c.elements_total} ({c.percent}%)"]
        for c in context["coverage"]
    ]
    story.append(_table(rows))
    story += _hlm(context["hlm_coverage"], styles)
    for kind, items in context["sections"]:
        story += _section(kind, items, styles)
    story += _fellowships(context["fellowships"], styles)
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=f"Leadership portfolio of {trainee.full_name}",
                      leftMargin=18 * mm, rightMargin=18 * mm).build(story)
    return buffer.getvalue()
