from django.apps import AppConfig

from alongside.hooks import register_home_sections


class NotificationsConfig(AppConfig):
    name = "alongside.notifications"
    label = "notifications"
    verbose_name = "Email sent in the background, and the daily jobs"

    def ready(self) -> None:
        from alongside.people.signals import plan_change_suggested

        from .people_messages import plan_change_suggested as tell_the_person

        plan_change_suggested.connect(tell_the_person, dispatch_uid="tell-plan-suggestion")
        register_home_sections(self.label, {"admin": ["notifications/_home_admin.html"]})
