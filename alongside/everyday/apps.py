from django.apps import AppConfig


class EverydayConfig(AppConfig):
    name = "alongside.everyday"
    label = "everyday"
    verbose_name = "Everyday: how I am today, and the team's handover"
    told_once = "alongside.everyday.selectors.told_once_for"
    download_sections = "alongside.everyday.selectors.download_sections"
    record_links = [
        ("everyday.check_in", "today", "everyday:check-in", "Say how {name} is today, together"),
        ("everyday.see_check_ins", "today", "everyday:patterns", "How {name} has been"),
        ("everyday.see_meetings", None, "everyday:meetings", "{name}'s meetings and actions"),
    ]
    # What is the user's to do today: first on their home page, before the other sections.
    home_today = {
        "person": ["everyday/_today_person.html"],
        "worker": ["everyday/_today_worker.html"],
    }
    home_sections = {
        "person": ["everyday/_home_person.html", "everyday/_home_messages.html"],
        "worker": ["everyday/_home_worker.html", "everyday/_home_messages.html"],
        "manager": [
            "everyday/_home_worker.html",
            "everyday/_home_manager.html",
            "everyday/_home_messages.html",
        ],
        "quality_lead": ["everyday/_home_quality_lead.html"],
        "supporter": ["everyday/_home_supporter.html", "everyday/_home_messages.html"],
    }

    def ready(self) -> None:
        # Requests for a change to the team are told through everyday's messages.
        from alongside.team import hooks

        from . import notifications

        hooks.when_change_request_made.append(notifications.change_request_made)
        hooks.when_change_request_moved.append(notifications.change_request_moved)
