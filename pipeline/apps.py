from django.apps import AppConfig


class PipelineConfig(AppConfig):
    name = "pipeline"
    verbose_name = "Talent pipeline"

    def ready(self) -> None:
        # Hooks into the layers below (docs/architecture.md): who may see roles, matches and
        # candidates; handlers of the events below; the personal data held; template globals.
        from core.jinja2 import register_globals  # noqa: PLC0415
        from pipeline import anonymity, checks, handlers, personal_data, scopes  # noqa: F401, PLC0415
        from pipeline.matching.engine import WEIGHTS  # noqa: PLC0415
        from pipeline.matching.reasons import LABELS, READERS, sentence_for  # noqa: PLC0415
        from pipeline.models import STEWARDSHIP_TAGS  # noqa: PLC0415

        personal_data.register()
        register_globals(reason_labels=LABELS, reason_weights=WEIGHTS, reason_readers=READERS,
                         reason_sentence=sentence_for, stewardship_tags=STEWARDSHIP_TAGS,
                         anonymity_k=anonymity.k)
