from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "alongside.notifications"
    label = "notifications"
    verbose_name = "Email sent in the background, and the daily jobs"
    home_sections = {"admin": ["notifications/_home_admin.html"]}

    def ready(self) -> None:
        from alongside.people.signals import plan_change_suggested

        from .people_messages import plan_change_suggested as tell_the_person

        plan_change_suggested.connect(tell_the_person, dispatch_uid="tell-plan-suggestion")
