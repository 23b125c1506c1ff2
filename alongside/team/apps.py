from django.apps import AppConfig

from alongside.hooks import (
    RecordLink,
    register_download_parts,
    register_home_sections,
    register_record_links,
)


class TeamConfig(AppConfig):
    name = "alongside.team"
    label = "team"
    verbose_name = "My team: who I would rather work with, and asking for a change"

    def ready(self) -> None:
        from .selectors import download_sections

        register_download_parts(self.label, download_sections)
        register_record_links(
            self.label,
            [RecordLink("team.see_choices", None, "team:my-team", "{name}'s team choices")],
        )
        register_home_sections(
            self.label,
            {
                "person": ["team/_home_person.html"],
                "manager": ["team/_home_manager.html"],
                "admin": ["team/_home_admin.html"],
            },
        )
