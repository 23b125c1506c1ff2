from django.apps import AppConfig


class OutcomesConfig(AppConfig):
    name = "alongside.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes that matter, and the Making It Real self-assessment"
    home_sections = {
        "manager": ["outcomes/_home_staff.html"],
        "quality_lead": ["outcomes/_home_staff.html"],
        "admin": ["outcomes/_home_staff.html"],
        "council": ["outcomes/_home_council.html"],
    }

    def ready(self) -> None:
        from .tasks import connect

        connect()
