"""Delete my account: every app erases what it holds about the person (core.personal_data),
the account itself last, and an ErasureRecord says that it happened.

What stays for counts keeps nothing that identifies them; records they wrote for others
(notes, rounds, imports) keep an author who is no one in particular: "Former member of staff".
"""

from django.db import transaction

from accounts import rules
from accounts.models import ErasureRecord, Role, User
from core import personal_data
from core.rules import refuse

# What an erased account is called, by its role: records it wrote still show an author.
FORMER: dict[str, str] = {
    Role.TRAINEE: "Former trainee",
    Role.MENTOR: "Former mentor",
    Role.MEDICAL_DIRECTOR: "Former medical director",
    Role.DEANERY_STAFF: "Former member of staff",
    Role.ADMINISTRATOR: "Former administrator",
}

# What deleting the account does, for the confirmation page: the same for everyone, then by role.
WHAT_HAPPENS_TO_EVERYONE = [
    "Your name, email address and sign-in history are erased, and any API tokens stop working.",
    "Emails we sent you are deleted, and your name is removed from emails we sent to other people.",
    "You will be signed out and will not be able to sign in again.",
]
WHAT_HAPPENS: dict[str, list[str]] = {
    Role.TRAINEE: [
        "Your portfolio, preferences, equality monitoring answers, mentoring requests and notes, "
        "matches and feedback are erased.",
        "Your deanery's counts (for example, how many fellows completed a scheme) keep an anonymous "
        "record that cannot be linked back to you.",
    ],
    Role.MENTOR: [
        "Your mentor profile is erased and any mentorship still going on is ended.",
        "Your mentees keep the dates and notes of your meetings, without your name.",
    ],
    Role.MEDICAL_DIRECTOR: [
        "Roles you posted stay with your trust, without your name.",
        "Your rankings in allocation rounds stay, shown as by a former medical director.",
    ],
    Role.DEANERY_STAFF: [
        "Notes, imports and rounds you recorded stay, shown as by a former member of staff.",
    ],
    Role.ADMINISTRATOR: [
        "Changes you made in the admin site stay in its log, shown as by a former administrator.",
    ],
}


def former_name(role: str) -> str:
    """What an erased account of this role is called from then on."""
    return FORMER.get(role, "Former user")


def what_happens(user: User) -> list[str]:
    """What deleting this account does, in the order the confirmation page says it."""
    everyone = WHAT_HAPPENS_TO_EVERYONE
    return everyone[:1] + WHAT_HAPPENS.get(user.role, []) + everyone[1:]


@transaction.atomic
def account_erase(*, user: User, requested_by: User) -> ErasureRecord:
    """Erase everything the service holds about the person behind `user`, keeping counts."""
    user = User.objects.select_for_update().get(pk=user.pk)
    refuse(rules.erasure_error(user))
    personal_data.erase_all(user)
    return ErasureRecord.objects.create(subject_uuid=user.uuid, requested_by=requested_by)
