from django.apps import AppConfig

from alongside.hooks import (
    RecordLink,
    register_download_parts,
    register_home_sections,
    register_record_links,
    register_told_once,
)


class ReviewsConfig(AppConfig):
    name = "alongside.reviews"
    label = "reviews"
    verbose_name = "Reviews, goals and personal budgets"

    def ready(self) -> None:
        from .selectors import download_sections, known_for_told_once

        register_told_once(self.label, known_for_told_once)
        register_download_parts(self.label, download_sections)
        register_record_links(
            self.label,
            [
                RecordLink(
                    "reviews.see_reviews", "reviews", "reviews:mine", "{name}'s reviews and goals"
                ),
                RecordLink(
                    "reviews.see_budget", "budget", "reviews:budget", "{name}'s personal budget"
                ),
            ],
        )
        register_home_sections(
            self.label,
            {
                "person": ["reviews/_home_person.html"],
                "council": ["reviews/_home_council.html"],
            },
        )
