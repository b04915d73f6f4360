from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = "Notifications"

    def ready(self) -> None:
        # Importing the handlers connects them to the events of the apps below.
        from notifications import handlers, personal_data  # noqa: F401, PLC0415 (models are ready only now)

        personal_data.register()
