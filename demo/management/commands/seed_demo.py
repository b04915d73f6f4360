import time

from django.core.management.base import BaseCommand, CommandError

from accounts.models import User
from demo.content import DEMO_LOGINS, DEMO_PASSWORD
from demo.seeder import seed_demo


class Command(BaseCommand):
    help = "Fill the database with deterministic synthetic demo data and one login per role."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--trainees", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--reset", action="store_true", help="Replace existing demo data.")
        parser.add_argument("--if-empty", action="store_true",
                            help="Do nothing when the database already has users (for `make run`).")

    def handle(self, *args, trainees: int, seed: int, reset: bool, if_empty: bool, **options) -> None:
        if trainees < 20:
            raise CommandError("--trainees must be at least 20 so every role has something to show.")
        if if_empty and User.objects.exists():
            self.stdout.write("Demo data already loaded; leaving it as it is.")
            return
        started = time.perf_counter()
        try:
            counts = seed_demo(trainees=trainees, seed=seed, reset=reset)
        except ValueError as error:
            raise CommandError(str(error)) from error
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{n:,} {name}" for name, n in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Seeded {summary} in {elapsed:.1f} s."))
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for role, email in DEMO_LOGINS.items():
            self.stdout.write(f"  {role.label}: {email}")
