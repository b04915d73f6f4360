"""The Jinja2 environment: our templates first, then the official NHS.UK macros."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from jinja2 import ChainableUndefined, ChoiceLoader, Environment, PackageLoader
from markupsafe import Markup

from core.forms import date_parts, widget_kind

# Globals that apps above add for their templates (e.g. the pipeline's reason labels),
# registered from their AppConfig.ready, before the first template is rendered.
_APP_GLOBALS: dict[str, object] = {}


def register_globals(**values: object) -> None:
    _APP_GLOBALS.update(values)


def month_uk(day: date | str) -> str:
    """A month as people say it, "November 2026", from a date or an ISO date string (as
    figures kept in JSON hold them)."""
    return (date.fromisoformat(day) if isinstance(day, str) else day).strftime("%B %Y")


def link(href: str, text: str, classes: str = "nhsuk-link") -> Markup:
    """An escaped link, for components that take HTML (table cells, inset text)."""
    return Markup('<a class="{}" href="{}">{}</a>').format(classes, href, text)


def url(viewname: str, /, *args, **kwargs) -> str:
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def environment(**options) -> Environment:
    # The NHS.UK macros read optional nested params, which needs ChainableUndefined.
    options["undefined"] = ChainableUndefined
    options.setdefault("extensions", []).extend(["jinja2.ext.do", "jinja2.ext.i18n"])
    env = Environment(**options)
    # Counts in words go through Django's ngettext, as in Python:
    # {{ ngettext("%(num)d session a week", "%(num)d sessions a week", n) }}.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.loader = ChoiceLoader([options["loader"], PackageLoader("nhsuk_frontend_jinja")])
    env.globals.update(
        _APP_GLOBALS,
        static=static,
        link=link,
        url=url,
        get_messages=messages.get_messages,
        service_name=settings.SERVICE_NAME,
    )
    env.filters["date_uk"] = lambda d: d.strftime("%-d %B %Y") if d else ""
    # Stored in UTC, shown in UK time (GMT or BST), e.g. "28 November 2026 at 16:05".
    env.filters["datetime_uk"] = lambda d: timezone.localtime(d).strftime("%-d %B %Y at %H:%M") if d else ""
    env.filters["month_uk"] = month_uk
    env.filters["widget_kind"] = widget_kind
    env.filters["date_parts"] = date_parts
    return env
