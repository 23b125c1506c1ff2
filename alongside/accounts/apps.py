from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alongside.accounts"
    label = "accounts"
    verbose_name = "Accounts and signing in"
    home_sections = {"admin": ["accounts/_home_admin.html"]}

    def ready(self) -> None:
        from . import signals  # noqa: F401
