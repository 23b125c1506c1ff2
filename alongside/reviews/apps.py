from django.apps import AppConfig


class ReviewsConfig(AppConfig):
    name = "alongside.reviews"
    label = "reviews"
    verbose_name = "Reviews, goals and personal budgets"
