"""What the pipeline tells, or asks, the apps above it (core.events)."""

from core.events import Event

vacancy_held = Event(
    "Asks whether something above the pipeline fills a role for now, so the director may not "
    "change it or appoint to it directly. Facts: vacancy. Answer: a sentence naming what "
    "holds it (e.g. an allocation round), or None.")
