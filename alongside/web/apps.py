from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "alongside.web"
    label = "web"
    verbose_name = "Shell: start page, homes and layout"

    def ready(self) -> None:
        # The policy registers every rule and every model's scope (`visible_to`) on import.
        import alongside.policy  # noqa: F401
