from django.apps import AppConfig

from alongside.hooks import (
    RecordLink,
    register_download_parts,
    register_home_sections,
    register_record_links,
)


class RotaConfig(AppConfig):
    name = "alongside.rota"
    label = "rota"
    verbose_name = "Support patterns, availability and the weekly rota"

    def ready(self) -> None:
        from .selectors import download_sections

        register_download_parts(self.label, download_sections)
        register_record_links(
            self.label,
            [
                RecordLink(
                    "rota.see_person_week",
                    None,
                    "rota:person-week",
                    "Who supports {name} this week",
                ),
                RecordLink(
                    "rota.plan_person", None, "rota:pattern", "{name}'s weekly pattern of support"
                ),
            ],
        )
        register_home_sections(
            self.label,
            {
                "person": ["rota/_home_person.html"],
                "worker": ["rota/_home_worker.html"],
                "manager": ["rota/_home_manager.html"],
                "admin": ["rota/_home_admin.html"],
            },
        )
