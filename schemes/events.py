"""What happens to fellowships that the apps above may act on (core.events)."""

from core.events import Event

fellowship_completed = Event(
    "A trainee completed a fellowship: they are now an alumnus. Facts: fellowship.")
alumni_statuses = Event(
    "Asks where alumni stand now (engaged, at risk, lost), for a cohort's outcomes. "
    "Facts: trainee_ids. Answer: a mapping of status to how many.")
