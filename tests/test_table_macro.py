"""Our table macro writes the same HTML as the official NHS.UK one, faster."""

import re

import pytest
from django.template import engines

OFFICIAL = '{% from "nhsuk/components/tables/macro.jinja" import table %}{{ table(p) }}'
OURS = '{% from "macros/table.jinja" import table %}{{ table(p) }}'

TABLES = [
    {"caption": "Alumni <b>", "captionClasses": "nhsuk-u-visually-hidden", "responsive": True,
     "head": [{"text": "Name"}, {"text": "Interests", "format": "numeric"}],
     "rows": [[{"header": "Name", "text": "A & B <script>"}, {"header": "Interests", "text": "3"}],
              [{"header": "Name", "html": '<a href="/x">X</a>'},
               {"header": "Interests", "text": "4", "format": "numeric"}]]},
    {"caption": "Recent imports", "captionSize": "m", "responsive": True,
     "head": [{"text": "File"}], "rows": [[{"header": "File", "text": "t.csv"}]]},
    {"caption": "Plain", "head": [{"text": "Name"}, {"text": "N", "format": "numeric"}],
     "rows": [[{"text": "A"}, {"html": "<strong>1</strong>", "format": "numeric"}]]},
    {"caption": "Empty", "responsive": True, "head": [{"text": "Name"}], "rows": []},
    {"caption": "Row headers", "captionSize": "s", "responsive": True, "firstCellIsHeader": True,
     "head": [{"text": "Stage"}, {"text": "Total", "format": "numeric"}],
     "rows": [[{"header": "Stage", "text": "Interest"}, {"header": "Total", "text": "12"}]]},
    {"caption": "Row headers, not responsive", "firstCellIsHeader": True,
     "head": [{"text": "Stage"}, {"text": "Total", "format": "numeric"}],
     "rows": [[{"text": "Interest"}, {"text": "12"}]]},
]


def normalised(html: str) -> str:
    """Whitespace between and inside tags does not change the page."""
    html = re.sub(r"\s+", " ", html)
    html = re.sub(r"\s*(<|>)\s*", r"\1", html)
    return html.strip()


@pytest.mark.parametrize("params", TABLES)
def test_our_table_is_the_official_markup(params):
    env = engines["jinja2"].env
    official = env.from_string(OFFICIAL).render(p=params)
    ours = env.from_string(OURS).render(p=params)
    assert normalised(ours) == normalised(official)
