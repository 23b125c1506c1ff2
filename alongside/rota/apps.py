from django.apps import AppConfig


class RotaConfig(AppConfig):
    name = "alongside.rota"
    label = "rota"
    verbose_name = "Support patterns, availability and the weekly rota"
    download_sections = "alongside.rota.selectors.download_sections"
    record_links = [
        ("rota.see_person_week", None, "rota:person-week", "Who supports {name} this week"),
        ("rota.plan_person", None, "rota:pattern", "{name}'s weekly pattern of support"),
    ]
    home_sections = {
        "person": ["rota/_home_person.html"],
        "worker": ["rota/_home_worker.html"],
        "manager": ["rota/_home_manager.html"],
        "admin": ["rota/_home_admin.html"],
    }
