from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        from notifications import personal_data  # noqa: PLC0415 (models are ready only now)

        personal_data.register()
