from django.apps import AppConfig

from alongside.hooks import register_home_sections


class QualityConfig(AppConfig):
    name = "alongside.quality"
    label = "quality"
    verbose_name = "Co-produced quality checks"

    def ready(self) -> None:
        register_home_sections(
            self.label,
            {
                "person": ["quality/_home_person.html"],
                "manager": ["quality/_home_manager.html"],
                "quality_lead": ["quality/_home_quality_lead.html"],
            },
        )
