"""What accounts tells the apps above it."""

from core.events import Event

account_email = Event(
    "An email about a person's account is to be sent (a link to reset their password, news that "
    "it was changed): to_address, template (in templates/emails/), subject, context (plain "
    "values only) and recipient (the User, or None). The outbox sends it.")

record_for_account_request = Event(
    "Asks which imported record a trainee asking for an account is, when their GMC number and "
    "email both match one of the region's records: gmc_number, email, region. Answer: the "
    "record's public id (a UUID), or None.")

invitation_accepted = Event(
    "An invitation was used and the person's account made: user, invitation (its role and "
    "region). Apps above add what the role needs (a mentor's profile).")
