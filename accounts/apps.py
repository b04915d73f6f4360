from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # The personal data accounts hold (core.personal_data). Accounts are the lowest app
        # to register, so the account itself is erased after every other app's part.
        # Importing accounts.signals connects its receivers.
        from accounts import personal_data, signals  # noqa: F401, PLC0415 (models are ready only now)

        personal_data.register()
