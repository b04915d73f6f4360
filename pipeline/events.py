"""What the pipeline tells, or asks, the apps above it (core.events)."""

from dataclasses import dataclass

from core.events import Event


@dataclass(frozen=True)
class Hold:
    """Something above the pipeline filling a role for now (an allocation round)."""

    name: str  # what holds the role, as the director's pages name it
    for_trainee: str  # what a trainee matched to the role is told instead of "I'm interested"
    link: tuple[str, str] | None = None  # (url, text): where that trainee acts on it now, if they can


vacancy_held = Event(
    "Asks whether something above the pipeline fills roles for now, so the director may not "
    "change them or appoint to them directly, and trainees do not say they are interested. "
    "Facts: vacancies (a list), trainee (the trainee reading, or None). Answer: "
    "{vacancy id: Hold} for the roles it holds.")
