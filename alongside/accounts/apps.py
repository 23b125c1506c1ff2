from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "alongside.accounts"
    label = "accounts"
    verbose_name = "Accounts and signing in"

    def ready(self) -> None:
        from . import signals  # noqa: F401
