"""Every form of the service, sent with nothing filled in, answers with the one NHS.UK error pattern.

Generated like tests/test_hostile_input.py: each page some role can open (from the URL × role
matrix) is fetched as that role and each of its `method="post"` forms is read from the HTML.
A question is required unless the person is told it may be left empty: "(optional)" in its label,
as the NHS.UK content style asks, or a hint saying to leave it blank ("Leave blank if ...").
Each form with a required question a person could leave empty is sent with those questions
empty and something typed into each optional text box; the answer must be the page again with:

1. an error summary whose links go to fields on the page (and one to each question left empty),
2. the message beside its field (inside the question's `nhsuk-form-group--error`),
3. "Error: " at the start of the title (once),
4. what was typed, kept;

and no message is Django's "This field is required.", which does not say what to do.

Forms that ask nothing (buttons such as "Sign out", "Delete" or "Accept this mentee") have
no empty answer to refuse. Which forms were checked and which asked nothing is worked out
here, not listed by hand: `pytest -rA tests/test_form_errors.py` prints both for each page,
naming each form by its button and questions.
"""

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.test_hostile_input import pages_with_forms
from tests.test_url_permissions import client_as, kwargs_for, trainee_objects

pytestmark = pytest.mark.django_db

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
NOT_QUESTIONS = {"hidden", "submit", "button", "reset", "image"}
# A hint telling the person they may leave the question empty.
LEAVE_BLANK = re.compile(r"\bleave\b.*\b(blank|unticked|empty)\b", re.IGNORECASE)
# What a person types into an optional box of each kind, so it can be looked for again.
TYPED = {"text": "Typed before the error", "search": "Typed before the error", "tel": "0113 496 0000",
         "email": "typed@example.org", "url": "https://example.org/typed",
         "textarea": "Typed before the error"}


@dataclass(eq=False)
class Element:
    tag: str
    attrs: dict[str, str]
    parent: "Element | None" = None
    children: list["Element | str"] = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def walk(self) -> Iterator["Element"]:
        yield self
        for child in self.children:
            if isinstance(child, Element):
                yield from child.walk()

    def find(self, tag: str | None = None, css_class: str | None = None) -> list["Element"]:
        return [e for e in self.walk() if (tag is None or e.tag == tag)
                and (css_class is None or css_class in e.classes)]

    def text(self) -> str:
        return " ".join("".join(c if isinstance(c, str) else f" {c.text()} " for c in self.children).split())

    def ancestor(self, test) -> "Element | None":
        node = self.parent
        while node is not None and not test(node):
            node = node.parent
        return node


class Document(HTMLParser):
    """A page as a tree of elements: just enough of a DOM to find forms, labels and errors."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {})
        self._open = self.root
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, parent=self._open)
        self._open.children.append(element)
        if tag not in VOID:
            self._open = element

    def handle_startendtag(self, tag, attrs):
        self._open.children.append(Element(tag, {k: v or "" for k, v in attrs}, parent=self._open))

    def handle_endtag(self, tag):
        node: Element | None = self._open
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self._open = node.parent

    def handle_data(self, data):
        self._open.children.append(data)

    def by_id(self, id_: str) -> Element | None:
        return next((e for e in self.root.walk() if e.attrs.get("id") == id_), None)

    def controls(self, name: str) -> list[Element]:
        return [e for e in self.root.walk() if e.tag in ("input", "textarea", "select")
                and e.attrs.get("name") == name]

    @property
    def title(self) -> str:
        found = self.root.find("title")
        return found[0].text() if found else ""


def kind_of(control: Element) -> str:
    if control.tag in ("textarea", "select"):
        return control.tag
    return (control.attrs.get("type") or "text").lower()


def options(select: Element) -> list[Element]:
    return select.find("option")


def shown_value(control: Element) -> str:
    """The value a browser would send for a text box or list as the page shows it."""
    if control.tag == "textarea":
        return "".join(c for c in control.children if isinstance(c, str)).removeprefix("\n")
    if control.tag == "select":
        choices = options(control)
        chosen = [o for o in choices if "selected" in o.attrs] or choices[:1]
        return chosen[0].attrs.get("value", chosen[0].text()) if chosen else ""
    return control.attrs.get("value", "")


@dataclass
class Question:
    """One thing a form asks: a box, a list, a group of radios or checkboxes, or a date."""

    label: str
    controls: list[Element]
    hint: str = ""

    @property
    def required(self) -> bool:
        return "(optional)" not in self.label and not LEAVE_BLANK.search(self.hint)

    @property
    def kind(self) -> str:
        return kind_of(self.controls[0])

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys(c.attrs["name"] for c in self.controls))

    def can_be_left_empty(self) -> bool:
        """Whether a person could send it empty (a list with no blank choice, or radios
        already answered, cannot be emptied)."""
        if self.kind == "select":
            return any(o.attrs.get("value") == "" for o in options(self.controls[0]))
        if self.kind == "radio":
            return not any("checked" in c.attrs for c in self.controls)
        return True

    def as_shown(self) -> dict[str, list[str]]:
        sent: dict[str, list[str]] = {}
        for control in self.controls:
            if self.kind in ("checkbox", "radio"):
                if "checked" in control.attrs:
                    sent.setdefault(control.attrs["name"], []).append(control.attrs.get("value", "on"))
            else:
                sent[control.attrs["name"]] = [shown_value(control)]
        return sent

    def empty(self) -> dict[str, list[str]]:
        if self.kind in ("checkbox", "radio"):
            return {}
        return {name: [""] for name in self.names}


@dataclass
class Form:
    action: str
    button: str
    hidden: dict[str, list[str]]
    questions: list[Question]

    @property
    def described(self) -> str:
        asks = ", ".join(q.label for q in self.questions) or "no questions"
        return f'"{self.button}" ({asks})' if self.button else f"a form with no button ({asks})"

    def emptied(self) -> list[Question]:
        return [q for q in self.questions if q.required and q.can_be_left_empty()]

    def typed(self) -> dict[str, str]:
        """An optional text box's name → what is typed into it."""
        return {q.names[0]: TYPED[q.kind] for q in self.questions
                if not q.required and len(q.controls) == 1 and q.kind in TYPED}

    def sent_empty(self) -> dict[str, list[str]]:
        data = dict(self.hidden)
        emptied = self.emptied()
        for question in self.questions:
            data |= question.empty() if question in emptied else question.as_shown()
        return data | {name: [value] for name, value in self.typed().items()}


def described_by(page: Document, element: Element) -> str:
    """The hint (and any other text) a screen reader reads with a field or group."""
    found = (page.by_id(id_) for id_ in element.attrs.get("aria-describedby", "").split())
    return " ".join(e.text() for e in found if e is not None)


def read_forms(page: Document, url: str) -> list[Form]:
    labels = {e.attrs.get("for"): e.text() for e in page.root.find("label")}
    forms = []
    for element in page.root.find("form"):
        if (element.attrs.get("method") or "").lower() != "post":
            continue
        hidden: dict[str, list[str]] = {}
        questions: dict[int, Question] = {}
        for control in element.walk():
            if control.tag not in ("input", "textarea", "select") or not control.attrs.get("name"):
                continue
            if kind_of(control) in NOT_QUESTIONS:
                if kind_of(control) == "hidden":
                    hidden.setdefault(control.attrs["name"], []).append(control.attrs.get("value", ""))
                continue
            fieldset = control.ancestor(lambda e: e.tag == "fieldset")
            if fieldset is not None and fieldset.ancestor(lambda e, form=element: e is form):
                legend = fieldset.find("legend")
                key, label, anchor = id(fieldset), legend[0].text() if legend else "", fieldset
            else:
                key, label, anchor = id(control), labels.get(control.attrs.get("id"), ""), control
            question = questions.setdefault(key, Question(label, [], described_by(page, anchor)))
            question.controls.append(control)
        buttons = [b.text() or b.attrs.get("value", "") for b in element.walk()
                   if b.tag == "button" or (b.tag == "input" and kind_of(b) == "submit")]
        forms.append(Form(element.attrs.get("action") or url, buttons[0] if buttons else "",
                          hidden, list(questions.values())))
    return forms


def error_pattern_problems(page: Document, form: Form) -> list[str]:
    """What is missing from the NHS.UK error pattern on the page that answered `form`."""
    problems = []
    if not page.title.startswith("Error:"):
        problems.append(f'the title "{page.title}" does not start with "Error:"')
    elif page.title.count("Error:") > 1:
        problems.append(f'the title "{page.title}" says "Error:" more than once')
    for message in page.root.find(css_class="nhsuk-error-message"):
        if "This field is required." in message.text():
            problems.append(f'"{message.text()}" does not say what to do')
    summaries = page.root.find("div", "nhsuk-error-summary")
    links = [a.attrs.get("href", "") for s in summaries for a in s.find("a")]
    if not summaries:
        problems.append("no error summary")
    elif not links:
        problems.append("an error summary with no links")
    for href in links:
        target = page.by_id(href.removeprefix("#")) if href.startswith("#") else None
        if target is None or target.tag not in ("input", "textarea", "select"):
            problems.append(f"the error summary links to {href}, which is not a field on the page")
    for question in form.emptied():
        again = [c for name in question.names for c in page.controls(name)]
        if not again:
            problems.append(f'"{question.label}" is not on the page again')
            continue
        if not {f"#{c.attrs.get('id')}" for c in again} & set(links):
            problems.append(f'the error summary has no link to "{question.label}"')
        anchor = again[0].ancestor(lambda e: e.tag == "fieldset") or again[0]
        group = anchor.ancestor(lambda e: "nhsuk-form-group" in e.classes)
        if group is None or "nhsuk-form-group--error" not in group.classes:
            problems.append(f'"{question.label}" is not marked as in error')
        elif not group.find(css_class="nhsuk-error-message"):
            problems.append(f'"{question.label}" has no message beside it')
    for name, value in form.typed().items():
        kept = [shown_value(c) for c in page.controls(name)]
        if value not in kept:
            problems.append(f"what was typed into {name} was lost")
    return problems


def test_the_page_reader_finds_the_questions_and_what_a_person_would_send():
    page = Document('<title>Notes</title><form method="post" action="/note">'
                    '<input type="hidden" name="action" value="note">'
                    '<div class="nhsuk-form-group"><label for="t">Note</label><textarea id="t" name="text">'
                    '</textarea></div><label for="w">Where (optional)</label><input id="w" name="where">'
                    '<fieldset><legend>Date</legend><input name="d[day]" id="d-day"><input name="d[month]">'
                    '</fieldset><select name="n" id="n"><option value="3">3</option></select>'
                    '<label for="e">End</label><input id="e" name="end" aria-describedby="e-hint">'
                    '<div id="e-hint">Leave blank if it is still running.</div>'
                    '<button>Add note</button></form><form method="post"><button>Sign out</button></form>')
    note, sign_out = read_forms(page, "/here")
    assert [q.label for q in note.questions] == ["Note", "Where (optional)", "Date", "", "End"]
    assert [q.label for q in note.emptied()] == ["Note", "Date"]  # the list has no blank choice
    assert note.sent_empty() == {"action": ["note"], "text": [""], "where": ["Typed before the error"],
                                 "d[day]": [""], "d[month]": [""], "n": ["3"],
                                 "end": ["Typed before the error"]}
    assert (sign_out.action, sign_out.button, sign_out.questions) == ("/here", "Sign out", [])


def test_an_error_shown_in_an_information_box_is_caught():
    """The defect of issue #17: the page again with the message in a blue box and the text lost."""
    form = read_forms(Document('<form method="post"><label for="t">Note</label><textarea id="t" name="text">'
                               '</textarea><label for="w">Where (optional)</label><input id="w" name="where">'
                               '<button>Add</button></form>'), "/x")[0]
    answer = Document('<title>Alice</title><div class="nhsuk-inset-text">This field is required.</div>'
                      '<form method="post"><div class="nhsuk-form-group"><label for="t">Note</label>'
                      '<textarea id="t" name="text"></textarea></div><input id="w" name="where"></form>')
    assert error_pattern_problems(answer, form) == [
        'the title "Alice" does not start with "Error:"', "no error summary",
        'the error summary has no link to "Note"', '"Note" is not marked as in error',
        "what was typed into where was lost"]


@pytest.mark.parametrize(("name", "role"), pages_with_forms(excluding=()))
def test_every_form_sent_empty_answers_with_the_error_summary_the_message_the_title_and_what_was_typed(
        client, cast, name, role):
    url = reverse(name, kwargs=kwargs_for(name, trainee_objects(cast)))
    client = client_as(client, cast, role)
    page = client.get(url)
    if not page["Content-Type"].startswith("text/html"):
        pytest.skip(f"{name}: a download, nothing to fill in")
    checked, asks_nothing, problems = [], [], []
    for form in read_forms(Document(page.content.decode()), url):
        if not form.emptied():
            asks_nothing.append(form.described)
            continue
        checked.append(form.described)
        response = client.post(form.action, form.sent_empty())
        if response.status_code not in (200, 400):
            problems.append(f"{form.described}: answered {response.status_code} "
                            f"{response.get('Location', '')} with nothing filled in")
            continue
        answer = Document(response.content.decode())
        problems += [f"{form.described}: {problem}" for problem in error_pattern_problems(answer, form)]
    print(f"{name} as {role}: checked {', '.join(checked) or 'none'}; "
          f"asking nothing: {', '.join(asks_nothing) or 'none'}")
    if not checked:
        pytest.skip(f"{name}: no form asks anything a person could leave empty: {', '.join(asks_nothing)}")
    assert problems == [], f"{name} as {role}"
