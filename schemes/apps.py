from django.apps import AppConfig


class SchemesConfig(AppConfig):
    name = "schemes"

    def ready(self) -> None:
        # Hooks into the layers below (docs/architecture.md): who may see cohorts and
        # fellowships, fellowship imports, the personal data held.
        from imports import registry  # noqa: PLC0415
        from schemes import imports, personal_data, scopes  # noqa: F401, PLC0415

        registry.register(imports.FELLOWSHIPS)
        personal_data.register()
