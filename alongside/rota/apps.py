from django.apps import AppConfig


class RotaConfig(AppConfig):
    name = "alongside.rota"
    label = "rota"
    verbose_name = "Support patterns, availability and the weekly rota"
    home_sections = {
        "person": ["rota/_home_person.html"],
        "worker": ["rota/_home_worker.html"],
        "manager": ["rota/_home_manager.html"],
    }
