from django.apps import AppConfig


class EverydayConfig(AppConfig):
    name = "alongside.everyday"
    label = "everyday"
    verbose_name = "Everyday: how I am today, and the team's handover"
    told_once = "alongside.everyday.selectors.told_once_for"
    home_sections = {
        "person": ["everyday/_home_person.html"],
        "worker": ["everyday/_home_worker.html"],
        "manager": ["everyday/_home_worker.html", "everyday/_home_manager.html"],
        "supporter": ["everyday/_home_supporter.html"],
    }
