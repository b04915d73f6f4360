"""The trainee's journey: portfolio, preferences and consent, opportunities, exports."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts import views as account_views
from accounts.decorators import role_required
from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role
from trainees import pdf, personal_data, selectors, services
from trainees.forms import EqualityForm, PreferencesForm
from trainees.models import EqualityMonitoring, Preferences
from trainees.portfolio import KINDS, PortfolioKind

trainee_only = role_required(Role.TRAINEE)


def _kind(slug: str) -> PortfolioKind:
    if slug not in KINDS:
        raise Http404("No such part of the portfolio")
    return KINDS[slug]


@trainee_only
def portfolio(request: HttpRequest) -> HttpResponse:
    trainee = selectors.trainee_of(request.user)
    sections = selectors.portfolio_sections(trainee=trainee)
    return render(request, "trainees/portfolio.jinja", {
        "trainee": trainee, "sections": sections,
        "coverage": selectors.mlcf_coverage(trainee=trainee),
        "hlm_coverage": selectors.hlm_coverage(trainee=trainee),
        "placements": selectors.placements_of(trainee=trainee),
        "fellowships": selectors.fellowships_of(trainee=trainee),
    })


@trainee_only
@require_http_methods(["GET", "POST"])
def item_add(request: HttpRequest, kind: str) -> HttpResponse:
    return _item_form(request, _kind(kind), instance=None)


@trainee_only
@require_http_methods(["GET", "POST"])
def item_edit(request: HttpRequest, kind: str, uuid) -> HttpResponse:
    kind_ = _kind(kind)
    trainee = selectors.trainee_of(request.user)
    item = get_object_or_404(selectors.portfolio_items(trainee=trainee, model=kind_.model), uuid=uuid)
    return _item_form(request, kind_, instance=item)


def _item_form(request: HttpRequest, kind: PortfolioKind, instance) -> HttpResponse:
    trainee = selectors.trainee_of(request.user)
    form = kind.form(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.portfolio_item_save(trainee=trainee, item=form.save(commit=False))
        messages.success(request, f"Your {kind.noun} has been saved.")
        return redirect("trainees:portfolio")
    return render(request, "trainees/item_form.jinja",
                  {"form": form, "kind": kind, "instance": instance})


@trainee_only
@require_http_methods(["GET", "POST"])
def item_delete(request: HttpRequest, kind: str, uuid) -> HttpResponse:
    """Ask before removing anything; remove on the confirming POST."""
    kind_ = _kind(kind)
    trainee = selectors.trainee_of(request.user)
    item = get_object_or_404(selectors.portfolio_items(trainee=trainee, model=kind_.model), uuid=uuid)
    if request.method == "POST":
        services.portfolio_item_delete(trainee=trainee, item=item)
        messages.success(request, f"Your {kind_.noun} has been removed.")
        return redirect("trainees:portfolio")
    return render(request, "trainees/item_delete.jinja", {"kind": kind_, "item": item})


def _preferences_initial(preferences: Preferences | None) -> dict:
    if preferences is None:
        return {"sessions_per_week": 2, "weekly_roles_email": "yes"}
    return {
        "regions": preferences.regions.all(), "role_types": preferences.role_types.all(),
        "sessions_per_week": preferences.sessions_per_week,
        "available_from": preferences.available_from,
        "discoverable": "yes" if preferences.discoverable else "no",
        "weekly_roles_email": "yes" if preferences.weekly_roles_email else "no",
    }


@trainee_only
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    trainee = selectors.trainee_of(request.user)
    current = Preferences.objects.filter(trainee=trainee).first()
    form = PreferencesForm(request.POST or None, initial=_preferences_initial(current))
    if request.method == "POST" and form.is_valid():
        was_found = current is not None and current.discoverable
        saved = services.preferences_update(trainee=trainee, **form.cleaned_data)
        messages.success(request, "Your preferences have been saved. " + (
            "You are hidden from trust medical directors." if not saved.discoverable
            else "Trust medical directors can find you, as before." if was_found
            else "Trust medical directors can now find you."))
        return redirect("trainees:preferences")
    return render(request, "trainees/preferences.jinja", {"form": form, "current": current})


@trainee_only
def portfolio_print(request: HttpRequest) -> HttpResponse:
    trainee = selectors.trainee_of(request.user)
    return render(request, "trainees/portfolio_print.jinja", personal_data.portfolio_context(trainee))


@trainee_only
def portfolio_pdf(request: HttpRequest) -> HttpResponse:
    trainee = selectors.trainee_of(request.user)
    response = HttpResponse(pdf.portfolio_pdf(trainee), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="portfolio-{trainee.gmc_number}.pdf"'
    return response


@trainee_only
def my_data(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Download all the trainee's data as JSON: the same download as every account's."""
    return account_views.my_data(request)


@trainee_only
def viewers(request: HttpRequest) -> HttpResponse:
    """Who has viewed my portfolio."""
    trainee = selectors.trainee_of(request.user)
    page = Paginator(trainee.portfolio_views.all(), 25).get_page(request.GET.get("page"))
    return render(request, "trainees/viewers.jinja", {"page": page})


@trainee_only
@require_http_methods(["GET", "POST"])
def equality(request: HttpRequest) -> HttpResponse:
    """The trainee's own equality monitoring answers: seen and changed by them alone."""

    trainee = selectors.trainee_of(request.user)
    current = EqualityMonitoring.objects.filter(trainee=trainee).first()
    initial = ({"sex": current.sex, "ethnic_group": current.ethnic_group, "disability": current.disability}
               if current else {})
    form = EqualityForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.equality_answers_update(trainee=trainee, **form.cleaned_data)
        messages.success(request, "Your answers have been saved.")
        return redirect("trainees:equality")
    return render(request, "trainees/equality.jinja", {"form": form})


@trainee_only
@require_http_methods(["GET", "POST"])
def delete_account(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Every account is deleted from the account page now."""
    return redirect("accounts:delete-account")
