"""Where alumni went: the career paths page, for trainees (people who did what they did),
deanery staff (their region) and administrators (every region). The figures come from
`pipeline.careers`, which withholds small numbers; this only picks whose paths to show."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.html import json_script
from django.views.decorators.http import require_GET

from accounts.http import AuthenticatedHttpRequest
from accounts.models import Role
from pipeline import careers as career_paths

TITLES: dict[str, str] = {
    Role.TRAINEE: "Where people like you went",
    Role.DEANERY_STAFF: "Where your region's alumni went",
    Role.ADMINISTRATOR: "Where alumni went",
}


@login_required
@require_GET
def careers(request: AuthenticatedHttpRequest) -> HttpResponse:
    paths = career_paths.careers_for(request.user)
    if paths is None:
        raise Http404("Not found")
    return render(request, "careers/paths.jinja", {
        "title": TITLES[request.user.role], "careers": paths,
        "flow_json": json_script(career_paths.as_flow(paths), "career-flow") if paths.enough else "",
        "at_least": career_paths.AT_LEAST})
