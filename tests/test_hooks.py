"""The typed hooks registry (alongside/hooks.py, ADR 0063) holds what each app registers in
its AppConfig's ready(), in the order of INSTALLED_APPS, and the pages and files that read
it find every app's part."""

from __future__ import annotations

from alongside import hooks
from alongside.everyday import selectors as everyday_selectors
from alongside.hooks import RecordLink
from alongside.reviews import selectors as reviews_selectors
from alongside.rota import selectors as rota_selectors
from alongside.team import selectors as team_selectors


def test_told_once_holds_the_everyday_and_reviews_providers() -> None:
    assert hooks.told_once_providers() == {
        "everyday": everyday_selectors.told_once_for,
        "reviews": reviews_selectors.known_for_told_once,
    }


def test_download_parts_hold_each_domains_tables_in_app_order() -> None:
    assert hooks.download_parts_providers() == {
        "team": team_selectors.download_sections,
        "rota": rota_selectors.download_sections,
        "everyday": everyday_selectors.download_sections,
        "reviews": reviews_selectors.download_sections,
    }


def test_record_links_hold_every_domains_links_app_by_app() -> None:
    assert hooks.record_links() == [
        RecordLink("team.see_choices", None, "team:my-team", "{name}'s team choices"),
        RecordLink(
            "rota.see_person_week", None, "rota:person-week", "Who supports {name} this week"
        ),
        RecordLink("rota.plan_person", None, "rota:pattern", "{name}'s weekly pattern of support"),
        RecordLink(
            "everyday.check_in", "today", "everyday:check-in", "Say how {name} is today, together"
        ),
        RecordLink("everyday.see_check_ins", "today", "everyday:patterns", "How {name} has been"),
        RecordLink(
            "everyday.see_meetings", None, "everyday:meetings", "{name}'s meetings and actions"
        ),
        RecordLink("reviews.see_reviews", "reviews", "reviews:mine", "{name}'s reviews and goals"),
        RecordLink("reviews.see_budget", "budget", "reviews:budget", "{name}'s personal budget"),
    ]


def test_each_role_home_has_every_apps_sections_in_app_order() -> None:
    assert hooks.home_sections("person") == [
        "team/_home_person.html",
        "rota/_home_person.html",
        "quality/_home_person.html",
        "everyday/_home_person.html",
        "everyday/_home_messages.html",
        "reviews/_home_person.html",
    ]
    assert hooks.home_sections("worker") == [
        "rota/_home_worker.html",
        "everyday/_home_worker.html",
        "everyday/_home_messages.html",
    ]
    assert hooks.home_sections("manager") == [
        "team/_home_manager.html",
        "rota/_home_manager.html",
        "quality/_home_manager.html",
        "everyday/_home_worker.html",
        "everyday/_home_manager.html",
        "everyday/_home_messages.html",
        "outcomes/_home_staff.html",
    ]
    assert hooks.home_sections("quality_lead") == [
        "quality/_home_quality_lead.html",
        "everyday/_home_quality_lead.html",
        "outcomes/_home_staff.html",
    ]
    assert hooks.home_sections("supporter") == [
        "everyday/_home_supporter.html",
        "everyday/_home_messages.html",
    ]
    assert hooks.home_sections("council") == [
        "reviews/_home_council.html",
        "outcomes/_home_council.html",
    ]
    assert hooks.home_sections("admin") == [
        "accounts/_home_admin.html",
        "team/_home_admin.html",
        "rota/_home_admin.html",
        "outcomes/_home_staff.html",
        "imports/_home_admin.html",
        "notifications/_home_admin.html",
    ]


def test_what_is_the_users_to_do_today_comes_from_everyday_only() -> None:
    assert hooks.home_sections("person", today=True) == ["everyday/_today_person.html"]
    assert hooks.home_sections("worker", today=True) == ["everyday/_today_worker.html"]
    assert hooks.home_sections("manager", today=True) == []


def test_every_registered_home_section_is_a_template_that_exists() -> None:
    from django.template.loader import get_template

    roles: list[hooks.Role] = [
        "person",
        "supporter",
        "worker",
        "manager",
        "quality_lead",
        "council",
        "admin",
    ]
    for role in roles:
        for name in hooks.home_sections(role) + hooks.home_sections(role, today=True):
            get_template(name)
