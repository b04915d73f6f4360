from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "imports"
    verbose_name = "Imports"

    def ready(self) -> None:
        from imports import personal_data  # noqa: PLC0415 (models are ready only now)

        personal_data.register()
