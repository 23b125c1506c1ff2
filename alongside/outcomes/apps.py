from django.apps import AppConfig

from alongside.hooks import register_home_sections


class OutcomesConfig(AppConfig):
    name = "alongside.outcomes"
    label = "outcomes"
    verbose_name = "Outcomes that matter, and the Making It Real self-assessment"

    def ready(self) -> None:
        from .tasks import connect

        connect()
        register_home_sections(
            self.label,
            {
                "manager": ["outcomes/_home_staff.html"],
                "quality_lead": ["outcomes/_home_staff.html"],
                "admin": ["outcomes/_home_staff.html"],
                "council": ["outcomes/_home_council.html"],
            },
        )
