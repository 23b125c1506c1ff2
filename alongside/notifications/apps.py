from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "alongside.notifications"
    label = "notifications"
    verbose_name = "Email sent in the background, and the daily jobs"
    home_sections = {"admin": ["notifications/_home_admin.html"]}
