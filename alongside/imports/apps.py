from django.apps import AppConfig

from alongside.hooks import register_home_sections


class ImportsConfig(AppConfig):
    name = "alongside.imports"
    label = "imports"
    verbose_name = "Bring in your records: services, staff, people we support and supporters"

    def ready(self) -> None:
        register_home_sections(self.label, {"admin": ["imports/_home_admin.html"]})
