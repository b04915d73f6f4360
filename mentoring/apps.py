from django.apps import AppConfig


class MentoringConfig(AppConfig):
    name = "mentoring"

    def ready(self) -> None:
        # Hooks into the layers below (docs/architecture.md): who may see mentors and
        # mentorships (and a mentor's mentees), the personal data held.
        from mentoring import handlers, personal_data, scopes  # noqa: F401, PLC0415

        personal_data.register()
