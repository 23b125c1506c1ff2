from django.apps import AppConfig


class ImportsConfig(AppConfig):
    name = "alongside.imports"
    label = "imports"
    verbose_name = "Bring in your records: services, staff, people we support and supporters"
    home_sections = {"admin": ["imports/_home_admin.html"]}
