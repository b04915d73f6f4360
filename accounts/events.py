"""What accounts tells the apps above it."""

from core.events import Event

account_email = Event(
    "An email about a person's account is to be sent (a link to reset their password, news that "
    "it was changed): to_address, template (in templates/emails/), subject, context (plain "
    "values only) and recipient (the User, or None). The outbox sends it.")
