from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "alongside.quality"
    label = "quality"
    verbose_name = "Co-produced quality checks"
    home_sections = {
        "person": ["quality/_home_person.html"],
        "manager": ["quality/_home_manager.html"],
        "quality_lead": ["quality/_home_quality_lead.html"],
    }
