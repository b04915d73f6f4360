from django.apps import AppConfig

from core.jinja2 import register_globals


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # The personal data accounts hold (core.personal_data). Accounts are the lowest app
        # to register, so the account itself is erased after every other app's part.
        # Importing accounts.signals connects its receivers; accounts.people registers who sees
        # which accounts.
        from accounts import (  # noqa: F401, PLC0415 (models are ready only now)
            account_requests,
            invitations,
            people,
            personal_data,
            rules,
            signals,
            sso,
        )

        personal_data.register()
        # Pages say when someone's role must sign in with two factors.
        register_globals(two_factor_required=rules.two_factor_required, single_sign_on=sso.single_sign_on)
