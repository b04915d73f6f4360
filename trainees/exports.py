"""What a trainee can take away: a printable portfolio and all their data."""

from django.forms.models import model_to_dict

from pipeline.models import Interest, Match
from trainees import selectors
from trainees.models import EqualityMonitoring, Preferences, Trainee
from trainees.portfolio import KINDS

HIDDEN = {"id", "trainee", "user", "password"}


def _row(obj, **extra) -> dict:
    data = {k: v for k, v in model_to_dict(obj).items() if k not in HIDDEN}
    return {"id": str(getattr(obj, "uuid", "")), **data, **extra}


def portfolio_context(trainee: Trainee) -> dict:
    return {
        "trainee": trainee,
        "coverage": selectors.mlcf_coverage(trainee=trainee),
        "sections": [(kind, selectors.portfolio_items(trainee=trainee, model=kind.model))
                     for kind in KINDS.values()],
        "fellowships": selectors.fellowships_of(trainee=trainee),
    }


def all_my_data(trainee: Trainee) -> dict:
    """Everything held about the trainee, readable, with names instead of internal ids."""
    preferences = Preferences.objects.filter(trainee=trainee).first()
    equality = EqualityMonitoring.objects.filter(trainee=trainee).first()
    return {
        "trainee": {
            "gmc_number": trainee.gmc_number, "first_name": trainee.first_name,
            "last_name": trainee.last_name, "email": trainee.email, "grade": trainee.grade.code,
            "specialty": trainee.specialty.name, "region": trainee.region.name,
            "current_trust": str(trainee.current_trust or ""),
            "expected_cct_date": trainee.expected_cct_date,
        },
        "placements": [_row(p, trust=str(p.trust), grade=p.grade.code, specialty=p.specialty.name)
                       for p in selectors.placements_of(trainee=trainee)],
        "fellowships": [_row(f, cohort=str(f.cohort)) for f in selectors.fellowships_of(trainee=trainee)],
        **{kind.slug: [_row(item, **({"element": str(item.element)} if kind.slug == "evidence" else {}))
                       for item in selectors.portfolio_items(trainee=trainee, model=kind.model)]
           for kind in KINDS.values()},
        "preferences": None if preferences is None else {
            "regions": [r.name for r in preferences.regions.all()],
            "role_types": [r.name for r in preferences.role_types.all()],
            "sessions_per_week": preferences.sessions_per_week,
            "available_from": preferences.available_from,
            "discoverable": preferences.discoverable,
            "discoverable_consent_at": preferences.discoverable_consent_at,
        },
        "equality_monitoring": None if equality is None else {
            "sex": equality.get_sex_display(), "ethnic_group": equality.get_ethnic_group_display(),
            "disability": equality.get_disability_display(),
        },
        "matches": [{"vacancy": m.vacancy.title, "trust": str(m.vacancy.trust), "score": m.score,
                     "reasons": m.reasons}
                    for m in Match.objects.filter(trainee=trainee).select_related("vacancy__trust")],
        "interests": [{"vacancy": i.vacancy.title, "status": i.get_status_display(), "note": i.note,
                       "updated_at": i.updated_at}
                      for i in Interest.objects.filter(trainee=trainee).select_related("vacancy")],
    }
