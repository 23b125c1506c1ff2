from django.apps import AppConfig


class EverydayConfig(AppConfig):
    name = "alongside.everyday"
    label = "everyday"
    verbose_name = "Everyday: how I am today, and the team's handover"
    told_once = "alongside.everyday.selectors.told_once_for"
    home_sections = {
        "person": ["everyday/_home_person.html", "everyday/_home_messages.html"],
        "worker": ["everyday/_home_worker.html", "everyday/_home_messages.html"],
        "manager": [
            "everyday/_home_worker.html",
            "everyday/_home_manager.html",
            "everyday/_home_messages.html",
        ],
        "quality_lead": ["everyday/_home_quality_lead.html"],
        "supporter": ["everyday/_home_supporter.html", "everyday/_home_messages.html"],
    }
