"""Quality check pages. Thin: each names one rule, fetches through the user's scope, and
leaves the work to services.py and selectors.py."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from alongside.audit.reads import note_read
from alongside.bad_input import whole_number
from alongside.concurrency import EditConflict
from alongside.organisations.models import Service
from alongside.people.models import Person
from alongside.policy import standing_of
from alongside.policy.access import AuthenticatedHttpRequest, PersonPageView, PolicyView
from alongside.words import counted

from . import planner, selectors, services
from .charts import line_chart
from .forms import (
    ActionResponseForm,
    CheckAnswersForm,
    CheckerEditForm,
    ChecklistForm,
    ProposalForm,
    SignUpForm,
    TrainingForm,
    VolunteerForm,
)
from .models import (
    FACE_PICTURES,
    Face,
    IStatement,
    PlanProposal,
    QualityAction,
    QualityCheck,
    QualityChecker,
)


def _paged(request: AuthenticatedHttpRequest, items: Any, per_page: int = 25) -> Any:
    return Paginator(items, per_page).get_page(request.GET.get("page"))


FACES = [
    {"value": value, "label": label, "picture": FACE_PICTURES[Face(value)]}
    for value, label in Face.choices
]


# --- The quality checker (a person we support) ---------------------------------------------


class VolunteerView(PolicyView):
    policy_rule = "quality.volunteer"

    def _person(self) -> Person:
        return selectors.signed_in_person(user=self.request.user)

    def get(
        self, request: AuthenticatedHttpRequest, form: VolunteerForm | None = None
    ) -> HttpResponse:
        person = self._person()
        if selectors.is_quality_checker(person=person):
            return redirect("quality:my-checks")
        form = form or VolunteerForm(initial={"checks_per_month": "1", "checks_in_region": "no"})
        return render(request, "quality/volunteer.html", {"form": form, "person": person})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = VolunteerForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        data = form.cleaned_data
        try:
            services.sign_up_checker(
                person=self._person(),
                signed_up_by=request.user,
                consent_given_on=timezone.localdate(),
                needs=data["needs"],
                availability=data["availability"],
                checks_per_month=data["checks_per_month"],
                checks_in_region=data["checks_in_region"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
            return self.get(request, form=form)
        messages.success(request, "Thank you. You are a quality checker now.")
        return redirect("quality:my-checks")


class InviteVolunteersView(PolicyView):
    """A quality lead invites the people at one service to be quality checkers. Names are
    not shown: the lead sees how many may be invited, and each person answers themselves."""

    policy_rule = "quality.invite_volunteers"

    def get_policy_object(self) -> Service:
        service = selectors.quality_service(
            user=self.request.user, service_id=self.kwargs["service_id"]
        )
        self.service = service
        return service

    def get(self, request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
        waiting = selectors.people_who_may_be_invited(service=self.service)
        return render(request, "quality/invite.html", {"service": self.service, "waiting": waiting})

    def post(self, request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
        invited = services.invite_to_volunteer(
            service=self.service,
            invited_by=request.user,
        )
        messages.success(
            request,
            f"Invited {counted(invited, 'person', 'people')} at {self.service.name}. "
            "Each person says yes themselves.",
        )
        return redirect("quality:invite-volunteers", service_id=self.service.pk)


class MyChecksView(PolicyView):
    policy_rule = "quality.see_my_checks"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        checker = selectors.checker_signed_in(user=request.user)
        checks = selectors.checks_of(checker=checker)
        return render(
            request,
            "quality/my_checks.html",
            {"checker": checker, "page": _paged(request, checks)},
        )


class PeopleToSignUpView(PolicyView):
    """A service manager's list of people at their services who are not checkers yet."""

    policy_rule = "quality.see_people_to_sign_up"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        people = selectors.people_to_sign_up(user=request.user)
        return render(request, "quality/sign_up_list.html", {"page": _paged(request, people)})


class SignUpView(PersonPageView):
    """A service manager signs up a person at their service who said yes."""

    policy_rule = "quality.sign_up_checker"
    audit_page = "Sign up as a quality checker"

    def get(
        self, request: AuthenticatedHttpRequest, person_id: int, form: SignUpForm | None = None
    ) -> HttpResponse:
        if selectors.is_quality_checker(person=self.person):
            messages.success(request, f"{self.person} is already a quality checker.")
            return redirect("quality:sign-up-list")
        form = form or SignUpForm(initial={"checks_per_month": "1", "checks_in_region": "no"})
        return render(request, "quality/sign_up.html", {"form": form, "person": self.person})

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        form = SignUpForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        data = form.cleaned_data
        try:
            services.sign_up_checker(
                person=self.person,
                signed_up_by=request.user,
                consent_given_on=data["consent_given_on"],
                needs=data["needs"],
                availability=data["availability"],
                checks_per_month=data["checks_per_month"],
                checks_in_region=data["checks_in_region"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
            return self.get(request, person_id, form=form)
        messages.success(request, f"{self.person} is a quality checker now.")
        return redirect("quality:sign-up-list")


# --- A check: doing it, and its report -------------------------------------------------------


class CheckMixin(PolicyView):
    def get_policy_object(self) -> QualityCheck:
        return selectors.check_for(user=self.request.user, check_id=self.kwargs["check_id"])

    @property
    def check_visit(self) -> QualityCheck:
        return self.policy_object


class CheckReportView(CheckMixin):
    policy_rule = "quality.see_check"

    def get(self, request: AuthenticatedHttpRequest, check_id: int) -> HttpResponse:
        check = self.check_visit
        is_checker = check.checker is not None and (
            standing_of(request.user).person_id == check.checker.person_id
        )
        return render(
            request,
            "quality/check_report.html",
            {
                "check": check,
                "is_checker": is_checker,
                "easy_version": is_checker or request.GET.get("version") == "easy",
                "faces": FACES,
                **selectors.check_report(check=check),
            },
        )


class DoCheckView(CheckMixin):
    policy_rule = "quality.do_check"

    def _statements(self) -> list[IStatement]:
        return selectors.statements_of(check=self.check_visit)

    def get(
        self, request: AuthenticatedHttpRequest, check_id: int, form: CheckAnswersForm | None = None
    ) -> HttpResponse:
        form = form or CheckAnswersForm(
            statements=self._statements(), initial={"done_on": timezone.localdate().isoformat()}
        )
        return render(
            request,
            "quality/do_check.html",
            {"check": self.check_visit, "form": form, "faces": FACES},
        )

    def post(self, request: AuthenticatedHttpRequest, check_id: int) -> HttpResponse:
        form = CheckAnswersForm(request.POST, request.FILES, statements=self._statements())
        if not form.is_valid():
            return self.get(request, check_id, form=form)
        data = form.cleaned_data
        answers = [
            services.AnswerGiven(
                statement_id=s.pk,
                face=data[f"face_{s.pk}"],
                comment=data[f"comment_{s.pk}"],
                photos=[form.clean_photos[s.pk]] if s.pk in form.clean_photos else [],
            )
            for s in form.statements
        ]
        try:
            services.complete_check(
                check=self.check_visit,
                done_by=request.user,
                done_on=data["done_on"],
                answers=answers,
                summary=data["summary"],
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
            return self.get(request, check_id, form=form)
        messages.success(request, "Thank you. Your check is saved.")
        return redirect("quality:check", check_id=check_id)


class ChecksView(PolicyView):
    """Checks at the services the user sees: planned first, then the newest done."""

    policy_rule = "quality.see_checks"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        checks = selectors.checks_to_list(user=request.user)
        return render(request, "quality/checks.html", {"page": _paged(request, checks)})


class PhotoView(PolicyView):
    policy_rule = "quality.see_check"

    def get_policy_object(self) -> QualityCheck:
        self.photo, check = selectors.photo_for(
            user=self.request.user, photo_id=self.kwargs["photo_id"]
        )
        return check

    def get(self, request: AuthenticatedHttpRequest, photo_id: int) -> HttpResponse:
        response = HttpResponse(bytes(self.photo.data), content_type=self.photo.content_type)
        response["Cache-Control"] = "private, max-age=3600"
        response["X-Content-Type-Options"] = "nosniff"
        return response


# --- Actions for the service manager ---------------------------------------------------------


class ActionsView(PolicyView):
    policy_rule = "quality.see_actions"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        show = request.GET.get("show")
        actions = selectors.actions_to_list(user=request.user, show=show)
        return render(
            request,
            "quality/actions.html",
            {
                "page": _paged(request, actions),
                "show_all": show == "all",
                "show_overdue": show == "overdue",
            },
        )


class ActionView(PolicyView):
    policy_rule = "quality.respond_to_action"

    def get_policy_object(self) -> QualityAction:
        return selectors.action_for(user=self.request.user, action_id=self.kwargs["action_id"])

    def get(
        self,
        request: AuthenticatedHttpRequest,
        action_id: int,
        form: ActionResponseForm | None = None,
        conflict: Any = None,
    ) -> HttpResponse:
        action = self.policy_object
        form = form or ActionResponseForm(
            initial={"response": action.response, "version": action.version}
        )
        return render(
            request,
            "quality/action.html",
            {"action": action, "form": form, "conflict": conflict},
        )

    def post(self, request: AuthenticatedHttpRequest, action_id: int) -> HttpResponse:
        action = self.policy_object
        form = ActionResponseForm(request.POST)
        if not form.is_valid():
            return self.get(request, action_id, form=form)
        try:
            re_check = services.respond_to_action(
                action=action,
                responded_by=request.user,
                expected_version=form.cleaned_data["version"],
                response=form.cleaned_data["response"],
            )
        except EditConflict as conflict:
            fresh = ActionResponseForm(
                initial={**form.cleaned_data, "version": conflict.current.version}
            )
            return self.get(request, action_id, form=fresh, conflict=conflict.current)
        except ValidationError as error:
            form.add_error("response", error.messages[0])
            return self.get(request, action_id, form=form)
        if re_check:
            messages.success(
                request,
                f"Saved. Every action from this check has an answer, so a re-check is "
                f"planned for {re_check.planned_for:%-d %B %Y}.",
            )
        else:
            messages.success(request, "Saved.")
        return redirect("quality:actions")


# --- The quality lead: checkers, checklists, coverage, planner, results --------------------


class CheckersView(PolicyView):
    policy_rule = "quality.manage_checkers"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        checkers = selectors.checkers_to_list(user=request.user)
        return render(request, "quality/checkers.html", {"page": _paged(request, checkers)})


class CheckerView(PolicyView):
    policy_rule = "quality.manage_checker"
    audit_page = "Quality checker"

    def get_policy_object(self) -> QualityChecker:
        checker = selectors.checker_for(
            user=self.request.user, checker_id=self.kwargs["checker_id"]
        )
        note_read(checker.person)  # their checker details are part of their record
        return checker

    def _region_services(self) -> list[Service]:
        return selectors.region_services_for(checker=self.policy_object)

    def get(
        self,
        request: AuthenticatedHttpRequest,
        checker_id: int,
        form: CheckerEditForm | None = None,
        training_form: TrainingForm | None = None,
        conflict: Any = None,
    ) -> HttpResponse:
        checker = self.policy_object
        form = form or CheckerEditForm(
            services=self._region_services(),
            initial={
                "other_services": selectors.other_service_ids(checker=checker),
                "needs": checker.needs,
                "availability": checker.availability,
                "checks_per_month": str(checker.checks_per_month),
                "checks_in_region": "yes" if checker.checks_in_region else "no",
                "version": checker.version,
            },
        )
        return render(
            request,
            "quality/checker.html",
            {
                "checker": checker,
                "form": form,
                "training_form": training_form or TrainingForm(prefix="training"),
                "training": selectors.training_of(checker=checker),
                "checks": selectors.recent_checks_of(checker=checker),
                "conflict": conflict,
            },
        )

    def post(self, request: AuthenticatedHttpRequest, checker_id: int) -> HttpResponse:
        checker = self.policy_object
        if request.POST.get("form") == "training":
            training_form = TrainingForm(request.POST, prefix="training")
            if not training_form.is_valid():
                return self.get(request, checker_id, training_form=training_form)
            try:
                services.record_training(
                    checker=checker,
                    module=training_form.cleaned_data["module"],
                    completed_on=training_form.cleaned_data["completed_on"],
                    recorded_by=request.user,
                )
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    training_form.add_error(
                        field if field in training_form.fields else None, errors[0]
                    )
                return self.get(request, checker_id, training_form=training_form)
            messages.success(request, "Training saved.")
            return redirect("quality:checker", checker_id=checker_id)
        region_services = self._region_services()
        form = CheckerEditForm(request.POST, services=region_services)
        if not form.is_valid():
            return self.get(request, checker_id, form=form)
        data = form.cleaned_data
        try:
            services.update_checker(
                checker=checker,
                changed_by=request.user,
                expected_version=data["version"],
                needs=data["needs"],
                availability=data["availability"],
                checks_per_month=data["checks_per_month"],
                checks_in_region=data["checks_in_region"],
                other_services=[s for s in region_services if str(s.pk) in data["other_services"]],
            )
        except EditConflict as conflict:
            fresh = CheckerEditForm(
                services=region_services,
                initial={
                    **data,
                    "checks_per_month": str(data["checks_per_month"]),
                    "checks_in_region": "yes" if data["checks_in_region"] else "no",
                    "version": conflict.current.version,
                },
            )
            return self.get(request, checker_id, form=fresh, conflict=conflict.current)
        messages.success(request, "Saved.")
        return redirect("quality:checker", checker_id=checker_id)


class ChecklistsView(PolicyView):
    policy_rule = "quality.manage_checklists"

    def _statements(self) -> list[IStatement]:
        return selectors.latest_edition_statements()

    def get(
        self, request: AuthenticatedHttpRequest, form: ChecklistForm | None = None
    ) -> HttpResponse:
        form = form or ChecklistForm(statements=self._statements())
        checklists = selectors.checklists_with_statements()
        return render(request, "quality/checklists.html", {"form": form, "checklists": checklists})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        statements = self._statements()
        form = ChecklistForm(request.POST, statements=statements)
        if not form.is_valid():
            return self.get(request, form=form)
        chosen = [s for s in statements if str(s.pk) in form.cleaned_data["statements"]]
        try:
            services.create_checklist(
                name=form.cleaned_data["name"],
                statements=chosen,
                created_by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
            return self.get(request, form=form)
        messages.success(request, "Checklist saved.")
        return redirect("quality:checklists")


class CoverageView(PolicyView):
    policy_rule = "quality.see_coverage"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        services_qs = selectors.quality_services(user=request.user)
        summary = selectors.coverage_summary(services=services_qs, today=timezone.localdate())
        page = _paged(request, selectors.services_with_coverage(services=services_qs), 50)
        chart = line_chart(
            title="Share of services with a trained quality checker, month by month",
            points=[(m.month.strftime("%b %Y"), m.percent) for m in summary.roll_out],
            unit="%",
        )
        return render(
            request,
            "quality/coverage.html",
            {"summary": summary, "page": page, "chart": chart},
        )


class PlannerView(PolicyView):
    policy_rule = "quality.plan_checks"

    def _month(self) -> datetime.date:
        today = timezone.localdate()
        if self.request.POST.get("month") == "next" or self.request.GET.get("month") == "next":
            return (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
        return today.replace(day=1)

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        month = self._month()
        proposals = selectors.proposals_for(user=request.user, month=month)
        return render(
            request,
            "quality/planner.html",
            {
                "month": month,
                "next_month": request.GET.get("month") == "next",
                "page": _paged(request, proposals, 50),
                "unplanned": planner.unplanned_services(
                    organisation=selectors.staff_organisation(user=request.user), month=month
                ),
            },
        )

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        month = self._month()
        proposals = planner.make_proposals(
            organisation=selectors.staff_organisation(user=request.user), month=month
        )
        messages.success(
            request,
            f"The planner proposes {counted(len(proposals), 'check', 'checks')} "
            f"for {month:%B %Y}. "
            "Accept each one, or change who checks.",
        )
        suffix = "?month=next" if request.POST.get("month") == "next" else ""
        return redirect(f"{request.path}{suffix}")


class ProposalView(PolicyView):
    policy_rule = "quality.decide_proposal"

    def get_policy_object(self) -> PlanProposal:
        return selectors.proposal_for(proposal_id=self.kwargs["proposal_id"])

    def _form(self, data: Any = None) -> ProposalForm:
        proposal = self.policy_object
        checkers = planner.eligible_checkers(service=proposal.service)
        if proposal.checker not in checkers:
            checkers.insert(0, proposal.checker)
        checklists = selectors.recent_checklists()
        initial = {
            "checker": str(proposal.checker_id),
            "checklist": str(checklists[0].pk) if checklists else None,
        }
        return ProposalForm(data, checkers=checkers, checklists=checklists, initial=initial)

    def get(
        self, request: AuthenticatedHttpRequest, proposal_id: int, form: ProposalForm | None = None
    ) -> HttpResponse:
        return render(
            request,
            "quality/proposal.html",
            {"proposal": self.policy_object, "form": form or self._form()},
        )

    def post(self, request: AuthenticatedHttpRequest, proposal_id: int) -> HttpResponse:
        proposal = self.policy_object
        if request.POST.get("decision") == "decline":
            try:
                services.decline_proposal(proposal=proposal)
            except ValidationError as error:
                messages.error(request, error.messages[0])
            return redirect("quality:planner")
        form = self._form(request.POST)
        if not form.is_valid():
            return self.get(request, proposal_id, form=form)
        checker = selectors.chosen_checker(checker_id=form.cleaned_data["checker"])
        checklist = selectors.chosen_checklist(checklist_id=form.cleaned_data["checklist"])
        try:
            check = services.accept_proposal(
                proposal=proposal,
                accepted_by=request.user,
                checklist=checklist,
                checker=checker,
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
            return self.get(request, proposal_id, form=form)
        messages.success(request, f"Check planned: {checker.person} checks {check.service}.")
        return redirect("quality:planner")


class ResultsView(PolicyView):
    policy_rule = "quality.see_results"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        services_qs = selectors.quality_services(user=request.user)
        regions = selectors.regions_of(services=services_qs)
        region = next((r for r in regions if str(r.pk) == request.GET.get("region")), None)
        services_qs = selectors.services_in(services=services_qs, region=region)
        results = selectors.results_by_statement(services=services_qs)
        trends = selectors.trends_by_quarter(services=services_qs)
        quarter_labels, statement_trends = selectors.statement_trends(services=services_qs)
        chart = line_chart(
            title="Share of answers that were good or OK, quarter by quarter",
            points=[(q.label, q.percent_good) for q in trends],
            unit="%",
        )
        return render(
            request,
            "quality/results.html",
            {
                "results": results,
                "trends": trends,
                "faces": FACES,
                "chart": chart,
                "quarter_labels": quarter_labels,
                "statement_trends": statement_trends,
                "regions": regions,
                "region": region,
            },
        )


class ResultChecksView(PolicyView):
    """The checks behind one cell of the results table."""

    policy_rule = "quality.see_results"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        statement = selectors.statement_for(
            statement_id=whole_number(request.GET.get("statement"), what="I statement")
        )
        face = request.GET.get("face", "")
        if face not in Face.values:
            raise Http404
        region = request.GET.get("region", "")
        # The region is a narrowing only: anything that is not an id we wrote is ignored.
        region = region if region.isascii() and region.isdigit() and len(region) < 19 else ""
        checks = selectors.checks_in_region(
            user=request.user, region_id=int(region) if region else None
        )
        found = selectors.checks_behind_a_result(
            checks=checks, statement_id=statement.pk, face=face
        )
        return render(
            request,
            "quality/result_checks.html",
            {
                "statement": statement,
                "face": Face(face),
                "page": _paged(request, found),
                "query": f"statement={statement.pk}&face={face}"
                + (f"&region={region}" if region else ""),
            },
        )
