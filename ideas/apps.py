from django.apps import AppConfig


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = "Fresh-eyes ideas"

    def ready(self) -> None:
        # Hooks into the layers below (docs/architecture.md): who may see ideas, the
        # personal data held.
        from ideas import personal_data, scopes  # noqa: F401, PLC0415

        personal_data.register()
