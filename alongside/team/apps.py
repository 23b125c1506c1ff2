from django.apps import AppConfig


class TeamConfig(AppConfig):
    name = "alongside.team"
    label = "team"
    verbose_name = "My team: who I would rather work with, and asking for a change"
    download_sections = "alongside.team.selectors.download_sections"
    record_links = [("team.see_choices", None, "team:my-team", "{name}'s team choices")]
    home_sections = {
        "person": ["team/_home_person.html"],
        "manager": ["team/_home_manager.html"],
        "admin": ["team/_home_admin.html"],
    }
