from django.apps import AppConfig


class AllocationConfig(AppConfig):
    name = "allocation"
    verbose_name = "Allocation rounds"

    def ready(self) -> None:
        # Hooks into the layers below (docs/architecture.md): who may see rounds, the
        # answers to the pipeline's questions (a role held by a running round), the
        # personal data held.
        from allocation import handlers, personal_data, rules, scopes  # noqa: F401, PLC0415
        from core.jinja2 import register_globals  # noqa: PLC0415

        personal_data.register()
        # Pages ask the rules what a round allows now, never its status.
        register_globals(round_rules=rules)
