from django.apps import AppConfig

from alongside.hooks import (
    RecordLink,
    register_download_parts,
    register_home_sections,
    register_record_links,
    register_told_once,
)


class EverydayConfig(AppConfig):
    name = "alongside.everyday"
    label = "everyday"
    verbose_name = "Everyday: how I am today, and the team's handover"

    def ready(self) -> None:
        from .selectors import download_sections, told_once_for

        register_told_once(self.label, told_once_for)
        register_download_parts(self.label, download_sections)
        register_record_links(
            self.label,
            [
                RecordLink(
                    "everyday.check_in",
                    "today",
                    "everyday:check-in",
                    "Say how {name} is today, together",
                ),
                RecordLink(
                    "everyday.see_check_ins", "today", "everyday:patterns", "How {name} has been"
                ),
                RecordLink(
                    "everyday.see_meetings",
                    None,
                    "everyday:meetings",
                    "{name}'s meetings and actions",
                ),
            ],
        )
        register_home_sections(
            self.label,
            {
                "person": ["everyday/_home_person.html", "everyday/_home_messages.html"],
                "worker": ["everyday/_home_worker.html", "everyday/_home_messages.html"],
                "manager": [
                    "everyday/_home_worker.html",
                    "everyday/_home_manager.html",
                    "everyday/_home_messages.html",
                ],
                "quality_lead": ["everyday/_home_quality_lead.html"],
                "supporter": ["everyday/_home_supporter.html", "everyday/_home_messages.html"],
            },
            # What is the user's to do today: first on their home page, before the rest.
            today={
                "person": ["everyday/_today_person.html"],
                "worker": ["everyday/_today_worker.html"],
            },
        )
