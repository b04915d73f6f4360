"""Getting people in, in the demo region: invitations waiting (one expired) and a request for
an account for staff to decide (a part of Seeder, called at the end of its run).

Nobody can use these links: only a digest of a secret drawn from the seeded generator is
kept, and no email is sent. Staff see them on "Invitations waiting" and "Requests for an
account", and can send them again (which emails a working link) or withdraw them.
"""

import hashlib
from datetime import timedelta

from accounts.models import AccountRequest, Invitation, Role, User
from demo.base import SeederBase
from demo.content import DEMO_REGION, FIRST_NAMES, LAST_NAMES
from reference.models import Region

# Days ago each waiting trainee invitation was sent: the last has expired (14 days).
SENT_DAYS_AGO = (1, 4, 9, 20)
LINK_DAYS = 14


def seed_invitations(seeder: SeederBase) -> None:
    region = Region.objects.get(code=DEMO_REGION)
    staff = User.objects.get(email=seeder.demo_staff_email)
    free = [t for t in seeder.trainee_rows if t.region_id == region.pk and t.user_id is None
            and t.pk not in seeder.fellow_ids]
    # A small seed may leave fewer trainees without an account than the story needs.
    chosen = seeder.rng.sample(free, min(len(free), len(SENT_DAYS_AGO) + 1))
    if len(chosen) <= len(SENT_DAYS_AGO):
        return
    rows = [_invitation(seeder, staff, days, email=t.email, first_name=t.first_name, last_name=t.last_name,
                        role=Role.TRAINEE, region=region, record_uuid=t.uuid)
            for t, days in zip(chosen, SENT_DAYS_AGO, strict=False)]
    trust = seeder.ref.trusts_by_region[region.pk][1]
    first, last = seeder.rng.choice(FIRST_NAMES), seeder.rng.choice(LAST_NAMES)
    rows.append(_invitation(seeder, staff, 2, email=f"{first}.{last}@{_domain(trust.name)}".lower(),
                            first_name=first, last_name=last, role=Role.MEDICAL_DIRECTOR, region=region,
                            trust=trust))
    Invitation.objects.bulk_create(rows)
    # A trainee who was not invited asks; their record matches, so approving names it.
    asking = chosen[-1]
    AccountRequest.objects.bulk_create([AccountRequest(
        uuid=seeder.uuid(), first_name=asking.first_name, last_name=asking.last_name, email=asking.email,
        gmc_number=asking.gmc_number, region=region)])


def _invitation(seeder: SeederBase, by: User, days_ago: int, **fields) -> Invitation:
    sent = seeder.moment(seeder.today - timedelta(days=days_ago))
    secret = f"{seeder.rng.getrandbits(256):064x}"
    return Invitation(uuid=seeder.uuid(), invited_by=by, sent_at=sent,
                      expires_at=sent + timedelta(days=LINK_DAYS),
                      token_digest=hashlib.sha256(secret.encode()).hexdigest(), **fields)


def _domain(trust_name: str) -> str:
    return trust_name.split()[0] + ".nhs.example"
