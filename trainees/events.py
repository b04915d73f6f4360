"""What happens to a trainee that the apps above may act on (core.events)."""

from core.events import Event

matching_inputs_changed = Event(
    "A trainee's portfolio or preferences changed, so what they match may have changed. "
    "Facts: trainee.")
consent_withdrawn = Event(
    "A trainee withdrew consent to be found: no director may see them as a candidate now. "
    "Facts: trainee.")
