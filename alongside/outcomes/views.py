"""Outcome pages (service, provider, council), their CSV downloads, and the Making It Real
self-assessment. Thin: each names one rule, fetches through the user's scope, and leaves the
work to selectors.py and services.py."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from alongside.csv_files import csv_response
from alongside.organisations.models import Organisation, Service
from alongside.organisations.selectors import service_by_id
from alongside.policy import standing_of
from alongside.policy.access import AuthenticatedHttpRequest, PolicyView
from alongside.quality.selectors import staff_organisation

from . import selectors, services
from .forms import ActionForm, RatingsForm, StartForm
from .models import SelfAssessment, WeStatement

BY_SERVICE_PER_PAGE = 25


def _csv(figure: selectors.Figure, filename: str) -> HttpResponse:
    return csv_response(figure.csv_rows(), filename=f"{filename}-{figure.key}.csv")


class OutcomesView(PolicyView):
    """One outcomes page: the figures for a scope, by quarter, and by service."""

    template_name = "outcomes/outcomes.html"
    csv = False
    show_by_service = True
    link_services = True

    def scope(self) -> selectors.Scope:
        raise NotImplementedError

    def csv_url(self, key: str) -> str:
        """Where the CSV of the figure `key` on this page is downloaded from."""
        raise NotImplementedError

    def get(self, request: AuthenticatedHttpRequest, **kwargs: Any) -> HttpResponse:
        # No refresh here: a GET writes nothing. Tasks refresh the roll-ups after writes.
        scope = self.scope()
        period = selectors.period_for()
        figures = selectors.outcome_figures(scope, period)
        services_page = None
        if self.show_by_service:
            services_page = Paginator(
                selectors.services_by_name(services=scope.services), BY_SERVICE_PER_PAGE
            ).get_page(request.GET.get("page"))
        if self.csv:
            wanted = self.kwargs.get("figure", "")
            if wanted == "by-service" and self.show_by_service:
                every = list(selectors.services_by_name(services=scope.services))
                return _csv(selectors.by_service_figure(figures, every), self.filename(scope))
            for figure in figures:
                if figure.key == wanted:
                    return _csv(figure, self.filename(scope))
            raise Http404
        by_service = selectors.by_service_figure(figures, services_page) if services_page else None
        comparison = None
        if services_page is not None:
            # The chart compares every service, not only this page of the table.
            every = (
                list(services_page.object_list)
                if services_page.paginator.num_pages == 1
                else list(selectors.services_by_name(services=scope.services))
            )
            comparison = selectors.compare_services(
                figures, every, compare=request.GET.get("compare", "")
            )
        # Each table's download link names this page's own CSV view for that figure, so it
        # answers under the same rule as the page (an empty href downloaded the page itself).
        for figure in figures:
            figure.csv_url = self.csv_url(figure.key)
        if by_service is not None:
            by_service.csv_url = self.csv_url(by_service.key)
        return render(
            request,
            self.template_name,
            {
                "scope": scope,
                "period": period,
                "period_label": f"{selectors.quarter_label(period.quarters[0])} to "
                f"{selectors.quarter_label(period.quarters[-1])}",
                "figures": figures,
                "by_service": by_service,
                "comparison": comparison,
                "service_rows": [
                    (service, cells)
                    for service, (_, cells) in zip(
                        services_page or [], by_service.rows if by_service else [], strict=False
                    )
                ],
                "link_services": self.link_services,
                "page": services_page,
                "heading": self.heading(scope),
                "intro": self.intro(scope),
            },
        )

    def filename(self, scope: selectors.Scope) -> str:
        return "outcomes"

    def heading(self, scope: selectors.Scope) -> str:
        return f"Outcomes: {scope.name}"

    def intro(self, scope: selectors.Scope) -> str:
        return ""


class ServiceOutcomesView(OutcomesView):
    policy_rule = "outcomes.see_service_outcomes"
    show_by_service = False

    def get_policy_object(self) -> Service:
        service = service_by_id(service_id=self.kwargs["service_id"])
        if service is None:
            raise Http404
        return service

    def scope(self) -> selectors.Scope:
        service = self.policy_object
        return selectors.service_scope(service=service)

    def csv_url(self, key: str) -> str:
        return reverse(
            "outcomes:service-csv", kwargs={"service_id": self.policy_object.pk, "figure": key}
        )

    def filename(self, scope: selectors.Scope) -> str:
        return f"outcomes-service-{self.policy_object.pk}"

    def intro(self, scope: selectors.Scope) -> str:
        return f"What the people we support at {scope.name} tell us, and what we found."


class ServiceOutcomesCsvView(ServiceOutcomesView):
    csv = True


class ProviderOutcomesView(OutcomesView):
    policy_rule = "outcomes.see_provider_outcomes"

    def scope(self) -> selectors.Scope:
        return selectors.provider_scope(user=self.request.user)

    def csv_url(self, key: str) -> str:
        return reverse("outcomes:provider-csv", kwargs={"figure": key})

    def filename(self, scope: selectors.Scope) -> str:
        return "outcomes-provider"

    def intro(self, scope: selectors.Scope) -> str:
        if standing_of(self.request.user).staff_role == "service_manager":
            return "The services you manage. Other services of your organisation are not counted."
        return f"Every service of {scope.name}."


class ProviderOutcomesCsvView(ProviderOutcomesView):
    csv = True


class CouncilOutcomesView(OutcomesView):
    policy_rule = "outcomes.see_council_outcomes"
    link_services = False

    def scope(self) -> selectors.Scope:
        return selectors.council_scope(user=self.request.user)

    def csv_url(self, key: str) -> str:
        return reverse("outcomes:council-csv", kwargs={"figure": key})

    def filename(self, scope: selectors.Scope) -> str:
        return "outcomes-council"

    def intro(self, scope: selectors.Scope) -> str:
        return (
            f"The people {scope.name} funds, at every provider that supports them. "
            "Ideas, rotas and quality checks are counted for the services where they live."
        )


class CouncilOutcomesCsvView(CouncilOutcomesView):
    csv = True


# --- Making It Real self-assessment ----------------------------------------------------------


def _organisation(user: Any) -> Organisation:
    return staff_organisation(user=user)


def _checkers(organisation_id: int) -> Any:
    return selectors.active_checkers_of(organisation_id=organisation_id)


class SelfAssessmentsView(PolicyView):
    policy_rule = "outcomes.see_self_assessments"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        return self._render(request, None)

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        if not request.user.has_perm("outcomes.start_self_assessment"):
            raise PermissionDenied
        organisation = _organisation(request.user)
        form = StartForm(request.POST, checkers=_checkers(organisation.pk))
        if form.is_valid():
            try:
                assessment = services.start_self_assessment(
                    organisation=organisation,
                    year=form.cleaned_data["year"],
                    started_by=request.user,
                    people_taking_part=form.cleaned_data["people_taking_part"],
                    checkers=form.cleaned_data["checkers_taking_part"],
                    staff_taking_part=form.cleaned_data["staff_taking_part"],
                )
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, list(errors))
            else:
                messages.success(request, f"The {assessment.year} self-assessment has started.")
                return redirect("outcomes:self-assessment", assessment_id=assessment.pk)
        return self._render(request, form, status=400)

    def _render(
        self, request: AuthenticatedHttpRequest, form: Any, status: int = 200
    ) -> HttpResponse:
        organisation = _organisation(request.user)
        assessments = selectors.self_assessments_for(user=request.user)
        may_start = request.user.has_perm("outcomes.start_self_assessment")
        if form is None and may_start:
            form = StartForm(
                initial={"year": timezone.localdate().year}, checkers=_checkers(organisation.pk)
            )
        return render(
            request,
            "outcomes/self_assessments.html",
            {
                "organisation": organisation,
                "assessments": selectors.newest_first(assessments=assessments),
                "progress": selectors.self_assessment_progress(assessments),
                "form": form if may_start else None,
            },
            status=status,
        )


class SelfAssessmentView(PolicyView):
    """One year's self-assessment: who took part, ratings with evidence, and actions."""

    policy_rule = "outcomes.see_self_assessment"

    def get_policy_object(self) -> SelfAssessment:
        found = selectors.self_assessment_for(
            user=self.request.user, assessment_id=self.kwargs["assessment_id"]
        )
        if found is None:
            raise Http404
        return found

    @property
    def assessment(self) -> SelfAssessment:
        return self.policy_object

    def statements(self) -> list[WeStatement]:
        return selectors.statements_of_edition(edition_id=self.assessment.edition_id)

    def _ratings_form(self, data: Any = None) -> RatingsForm:
        a = self.assessment
        stored = services.rating_fields(a)
        initial: dict[str, Any] = {
            "version": a.version,
            "people_taking_part": a.people_taking_part,
            "staff_taking_part": a.staff_taking_part,
            "checkers_taking_part": selectors.checker_ids_taking_part(assessment=a),
        }
        for pk, r in stored.items():
            initial[f"rating_{pk}"] = str(r.rating)
            initial[f"evidence_{pk}"] = r.evidence
        return RatingsForm(
            data,
            initial=initial,
            statements=self.statements(),
            checkers=_checkers(a.organisation_id),
        )

    def get(self, request: AuthenticatedHttpRequest, **kwargs: Any) -> HttpResponse:
        return self._render(request)

    def post(self, request: AuthenticatedHttpRequest, **kwargs: Any) -> HttpResponse:
        if not request.user.has_perm("outcomes.rate_self_assessment", self.assessment):
            raise Http404
        if request.POST.get("form") == "action":
            return self._post_action(request)
        form = self._ratings_form(request.POST)
        conflict = None
        if form.is_valid():
            try:
                services.save_self_assessment(
                    assessment=self.assessment,
                    changed_by=request.user,
                    expected_version=form.cleaned_data["version"],
                    ratings=form.ratings(),
                    people_taking_part=form.cleaned_data["people_taking_part"],
                    checkers=form.cleaned_data["checkers_taking_part"],
                    staff_taking_part=form.cleaned_data["staff_taking_part"],
                )
            except services.AssessmentConflict as error:
                conflict = error.current
                # Keep the second saver's words; let them save again over the newer version.
                data = request.POST.copy()
                data["version"] = str(conflict.version)
                form = self._ratings_form(data)
                form.is_valid()
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, list(errors))
            else:
                messages.success(request, "Saved.")
                return redirect("outcomes:self-assessment", assessment_id=self.assessment.pk)
        return self._render(request, ratings_form=form, conflict=conflict, status=400)

    def _post_action(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        statements = self.statements()
        form = ActionForm(request.POST, statements=statements)
        if form.is_valid():
            chosen = form.cleaned_data["statement"]
            statement = next((s for s in statements if str(s.pk) == chosen), None)
            try:
                services.add_action(
                    assessment=self.assessment,
                    added_by=request.user,
                    what=form.cleaned_data["what"],
                    who=form.cleaned_data["who"],
                    by_when=form.cleaned_data["by_when"],
                    statement=statement,
                )
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    form.add_error(name if name in form.fields else None, list(errors))
            else:
                messages.success(request, "The action is added.")
                return redirect("outcomes:self-assessment", assessment_id=self.assessment.pk)
        return self._render(request, action_form=form, status=400)

    def _render(
        self,
        request: AuthenticatedHttpRequest,
        ratings_form: Any = None,
        action_form: Any = None,
        conflict: Any = None,
        status: int = 200,
    ) -> HttpResponse:
        a = self.assessment
        may_rate = request.user.has_perm("outcomes.rate_self_assessment", a)
        statements = self.statements()
        stored = services.rating_fields(a)
        themes: list[dict[str, Any]] = []
        for s in statements:
            if not themes or themes[-1]["theme"].pk != s.theme_id:
                themes.append({"theme": s.theme, "statements": []})
            themes[-1]["statements"].append((s, stored.get(s.pk)))
        if may_rate:
            ratings_form = ratings_form or self._ratings_form()
            action_form = action_form or ActionForm(statements=statements)
        errors = bool(
            (ratings_form is not None and ratings_form.errors)
            or (action_form is not None and action_form.errors)
        )
        return render(
            request,
            "outcomes/self_assessment.html",
            {
                "assessment": a,
                "themes": themes,
                "checkers": selectors.checkers_taking_part(assessment=a),
                "actions": selectors.actions_of(assessment=a),
                "ratings_form": ratings_form if may_rate else None,
                "action_form": action_form if may_rate else None,
                "conflict": conflict,
                "has_errors": errors,
                "today": datetime.date.today(),
            },
            status=status,
        )
