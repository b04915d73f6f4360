from django.apps import AppConfig


class TraineesConfig(AppConfig):
    name = "trainees"

    def ready(self) -> None:
        # Hooks into the layers below (docs/architecture.md), registered once models are
        # loaded: who may see trainees, the kinds of file to import, the personal data held.
        from imports import registry  # noqa: PLC0415
        from trainees import handlers, imports, personal_data, scopes  # noqa: F401, PLC0415

        registry.register(imports.TRAINEES)
        registry.register(imports.PLACEMENTS)
        personal_data.register()
