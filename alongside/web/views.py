"""The start page, the About page and each role's home. Thin: reads come from selectors."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render

from alongside.hooks import home_sections
from alongside.organisations.selectors import council_by_id, service_count, staff_count
from alongside.policy import standing_of
from alongside.policy.access import PUBLIC, AuthenticatedHttpRequest, PolicyView
from alongside.quality.selectors import staff_organisation

from . import selectors

HOME_FOR_RULE = [
    ("web.person_home", "web:person-home"),
    ("web.worker_home", "web:worker-home"),
    ("web.manager_home", "web:manager-home"),
    ("web.quality_lead_home", "web:quality-lead-home"),
    ("web.council_home", "web:council-home"),
    ("web.admin_home", "web:admin-home"),
    ("web.supporter_home", "web:supporter-home"),
]


class StartView(PolicyView):
    policy_rule = PUBLIC

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if request.user.is_authenticated:
            return redirect("web:home")
        demo_users = []
        if settings.ALONGSIDE_DEMO:
            from alongside.accounts.demo import demo_sign_ins

            demo_users = demo_sign_ins()
        return render(request, "web/start.html", {"demo_users": demo_users})


class AboutView(PolicyView):
    policy_rule = PUBLIC

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(request, "web/about.html")


class HomeView(PolicyView):
    """Sends each user to the home for their role."""

    policy_rule = "accounts.manage_own_account"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        for rule, url_name in HOME_FOR_RULE:
            if request.user.has_perm(rule):
                return redirect(url_name)
        return render(request, "web/no_role.html")


class PersonHomeView(PolicyView):
    policy_rule = "web.person_home"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        person = selectors.home_person(user=request.user)
        return render(
            request,
            "web/person_home.html",
            {
                "person": person,
                "team": selectors.my_team(person=person),
                "supporters": selectors.supporters_of(person=person),
                "what_matters": selectors.what_matters_to(person=person),
                "waiting_count": selectors.waiting_count(person=person),
                "today_sections": home_sections("person", today=True),
                "sections": home_sections("person"),
            },
        )


class SupporterHomeView(PolicyView):
    policy_rule = "web.supporter_home"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(
            request,
            "web/supporter_home.html",
            {
                "sections": home_sections("supporter"),
                "people": selectors.people_i_support(user=request.user),
            },
        )


def _paged(request: AuthenticatedHttpRequest, items: Any, per_page: int = 50) -> Any:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


class WorkerHomeView(PolicyView):
    policy_rule = "web.worker_home"
    # The first people on today's handover are shown here, with how they are today.
    audit_page = "Today handover"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(
            request,
            "web/worker_home.html",
            {
                "today_sections": home_sections("worker", today=True),
                "sections": home_sections("worker"),
                "page": _paged(request, selectors.people_for_home(user=request.user)),
            },
        )


class ManagerHomeView(PolicyView):
    policy_rule = "web.manager_home"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return render(
            request,
            "web/manager_home.html",
            {
                "sections": home_sections("manager"),
                "services": selectors.services_for_home(user=request.user),
                "page": _paged(request, selectors.people_for_home(user=request.user)),
            },
        )


class QualityLeadHomeView(PolicyView):
    policy_rule = "web.quality_lead_home"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        services = selectors.services_for_home(user=request.user)
        return render(
            request,
            "web/quality_lead_home.html",
            {
                "sections": home_sections("quality_lead"),
                "page": _paged(request, services),
                "total": selectors.how_many(items=services),
            },
        )


class CouncilHomeView(PolicyView):
    policy_rule = "web.council_home"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        people = selectors.people_for_home(user=request.user)
        council = council_by_id(council_id=standing_of(request.user).council_id or 0)
        return render(
            request,
            "web/council_home.html",
            {
                "sections": home_sections("council"),
                "council": council,
                "page": _paged(request, people),
                "total": selectors.how_many(items=people),
            },
        )


class AdminHomeView(PolicyView):
    policy_rule = "web.admin_home"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        organisation = staff_organisation(user=request.user)
        return render(
            request,
            "web/admin_home.html",
            {
                "sections": home_sections("admin"),
                "organisation": organisation,
                "service_count": service_count(organisation=organisation),
                "staff_count": staff_count(organisation=organisation),
            },
        )
