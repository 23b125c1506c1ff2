from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "alongside.reviews"
    label = "reviews"
    verbose_name = "Reviews, goals and personal budgets"
    told_once = "alongside.reviews.selectors.known_for_told_once"
    download_sections = "alongside.reviews.selectors.download_sections"
    record_links = [
        ("reviews.see_reviews", "reviews", "reviews:mine", "{name}'s reviews and goals"),
        ("reviews.see_budget", "budget", "reviews:budget", "{name}'s personal budget"),
    ]
    home_sections = {
        "person": ["reviews/_home_person.html"],
        "council": ["reviews/_home_council.html"],
    }
