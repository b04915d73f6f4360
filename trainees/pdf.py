"""The portfolio as an A4 PDF, for appraisal or ARCP."""

import io
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from trainees.models import Trainee
from trainees.personal_data import portfolio_context

NHS_BLUE = colors.HexColor("#005eb8")


def _text(value) -> str:
    """Trainees' own words, escaped: Paragraph reads markup, and this is data."""
    return escape(str(value or ""))


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
    table = Table(rows, colWidths=[110 * mm, 60 * mm])
    table.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
                               ("LINEBELOW", (0, 0), (-1, 0), 1, NHS_BLUE),
                               ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey)]))
    story.append(table)
    for kind, items in context["sections"]:
        story.append(Paragraph(_text(kind.heading), styles["Heading2"]))
        if not items:
            story.append(Paragraph("None recorded.", styles["Normal"]))
        for item in items:
            story.append(Paragraph(_text(item.title), styles["Heading4"]))
            story += [Paragraph(_text(line), styles["Normal"])
                      for line in _item_lines(kind.slug, item) if line]
    story.append(Paragraph("Leadership fellowships", styles["Heading2"]))
    for f in context["fellowships"] or []:
        story.append(Paragraph(_text(f"{f.cohort.scheme.name}, {f.cohort.name}: "
                                     f"{f.get_status_display()}"), styles["Normal"]))
    buffer = io.BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4, title=f"Leadership portfolio of {trainee.full_name}",
                      leftMargin=18 * mm, rightMargin=18 * mm).build(story)
    return buffer.getvalue()
