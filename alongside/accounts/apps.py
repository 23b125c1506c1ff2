from django.apps import AppConfig

from alongside.hooks import register_home_sections


class AccountsConfig(AppConfig):
    name = "alongside.accounts"
    label = "accounts"
    verbose_name = "Accounts and signing in"

    def ready(self) -> None:
        from . import signals  # noqa: F401

        register_home_sections(self.label, {"admin": ["accounts/_home_admin.html"]})
