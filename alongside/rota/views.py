"""Rota pages: the manager's week, solving, editing and publishing; a worker's shifts; the
person's week. Views stay thin: services write, selectors read."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from alongside.bad_input import BadInput
from alongside.organisations.models import Service, Skill, StaffMember
from alongside.organisations.selectors import (
    all_skills,
    service_by_id,
    skills_by_name,
    skills_with_ids,
    staff_member_by_id,
    staff_member_of,
    staff_with_ids,
)
from alongside.policy.access import (
    AuthenticatedHttpRequest,
    OwnOrganisationView,
    PersonPageView,
    PolicyView,
)

from . import selectors, services
from .explain import explain_for_person
from .forms import (
    AbsenceEditForm,
    AbsenceForm,
    AvailabilityEditForm,
    AvailabilityForm,
    DeleteEntryForm,
    PersonalCareForm,
    RotaWeightsForm,
    ShiftWorkersForm,
    SupportNeedForm,
    WorkerSkillsForm,
    WorkerTermsForm,
    skill_ids,
)
from .models import (
    DAYS,
    KIND_CHOICES,
    Absence,
    Availability,
    PersonalCare,
    RotaWeek,
    WorkerTerms,
)
from .problem import SESSION_KIND_WORDS, SessionKind


def _monday(request: AuthenticatedHttpRequest, week: str | None = None) -> datetime.date:
    text = week if week is not None else request.GET.get("week", "")
    if not text:
        return selectors.this_monday()
    monday = selectors.parse_week(text)
    if monday is None and week is None:
        raise BadInput(
            f"There is no week “{text[:20]}”. Write a week like "
            f"{selectors.week_label(selectors.this_monday())}, or use the links on the page."
        )
    if monday is None:
        raise Http404  # a page for a week that does not exist is not found
    return monday


def _weeks_around(monday: datetime.date) -> dict[str, str]:
    return {
        "this": selectors.week_label(monday),
        "previous": selectors.week_label(monday - datetime.timedelta(days=7)),
        "next": selectors.week_label(monday + datetime.timedelta(days=7)),
    }


class ServicePolicyView(PolicyView):
    policy_rule = "rota.plan_service"

    def get_policy_object(self) -> Service:
        service = service_by_id(service_id=self.kwargs["service_id"])
        if service is None:
            raise Http404
        self.service = service
        return service


class ServiceWeekView(ServicePolicyView):
    """The manager's week grid."""

    def get(self, request: AuthenticatedHttpRequest, service_id: int, week: str) -> HttpResponse:
        monday = _monday(request, week)
        rota_week = selectors.week_of(service=self.service, monday=monday)
        shifts = list(selectors.shifts_of(rota_week)) if rota_week else []
        uncovered = selectors.uncovered_shifts(shifts=shifts)
        published = rota_week is not None and rota_week.status == RotaWeek.Status.PUBLISHED
        breaches = selectors.breaches_now(rota_week, shifts) if rota_week and published else []
        return render(
            request,
            "rota/service_week.html",
            {
                "service": self.service,
                "week": rota_week,
                "monday": monday,
                "days": [monday + datetime.timedelta(days=i) for i in range(7)],
                "grid": selectors.week_grid(rota_week, shifts) if rota_week else [],
                "uncovered": uncovered,
                "breaches": breaches,
                "broken": {int(b.session_id) for b in breaches},
                "weeks": _weeks_around(monday),
                "job": selectors.latest_solve_job(rota_week),
                "people": selectors.people_at(service=self.service),
                "workers": selectors.workers_at(self.service),
                "gap": (
                    abs(rota_week.objective - (rota_week.best_bound or 0))
                    / abs(rota_week.objective)
                    if rota_week and rota_week.objective
                    else 0
                ),
            },
        )


class SolveWeekView(ServicePolicyView):
    """ "Make the rota": only queues the solve; the week's page shows how far it has got."""

    def post(self, request: AuthenticatedHttpRequest, service_id: int, week: str) -> HttpResponse:
        monday = _monday(request, week)
        try:
            _job, new = services.request_solve(
                service=self.service,
                monday=monday,
                requested_by=request.user,
            )
        except services.RotaError as error:
            messages.error(request, str(error))
        else:
            if not new:
                messages.info(
                    request,
                    "This week's rota is already being made. Its progress is shown below.",
                )
        return redirect("rota:service-week", service_id=service_id, week=week)


class SolveProgressView(ServicePolicyView):
    """How far making the week's rota has got. The week's page asks for the small part
    (`Alongside-Fragment` header) every few seconds into an aria-live region."""

    def get(self, request: AuthenticatedHttpRequest, service_id: int, week: str) -> HttpResponse:
        monday = _monday(request, week)
        rota_week = selectors.week_of(service=self.service, monday=monday)
        context = {
            "service": self.service,
            "monday": monday,
            "weeks": _weeks_around(monday),
            "job": selectors.latest_solve_job(rota_week),
        }
        if request.headers.get("Alongside-Fragment"):
            return render(request, "rota/_solve_progress.html", context)
        return render(request, "rota/solve_progress.html", context)


class SolveRunView(OwnOrganisationView):
    """How far `solve_rotas --week` has got for the admin's organisation: done, left, failed
    (each failed service with its reason)."""

    policy_rule = "rota.see_solve_runs"

    def get(self, request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
        run = selectors.solve_run_by_id(run_id=run_id)
        if run is None:
            raise Http404
        counts = selectors.solve_run_counts(run, organisation_id=self.organisation.pk)
        failed = selectors.failed_jobs(run=run, organisation=self.organisation)
        return render(
            request,
            "rota/solve_run.html",
            {"run": run, "counts": counts, "failed": failed, "organisation": self.organisation},
        )


class PublishWeekView(ServicePolicyView):
    def post(self, request: AuthenticatedHttpRequest, service_id: int, week: str) -> HttpResponse:
        found = selectors.week_of(service=self.service, monday=_monday(request, week))
        if found is None:
            messages.error(request, "There is nothing to publish yet. Solve the week first.")
        else:
            try:
                services.publish_week(week=found, published_by=request.user)
            except services.RotaError as error:
                messages.error(request, str(error))
            else:
                messages.success(request, "Published. Workers and the people supported can see it.")
        return redirect("rota:service-week", service_id=service_id, week=week)


class FixWeekView(ServicePolicyView):
    """ "Fix this": a published week that breaks a rule now, mended with the fewest
    changes, shown before and after for the manager to publish."""

    def _week(self, request: AuthenticatedHttpRequest, week: str) -> RotaWeek:
        found = selectors.week_of(service=self.service, monday=_monday(request, week))
        if found is None:
            raise Http404
        return found

    def get(self, request: AuthenticatedHttpRequest, service_id: int, week: str) -> HttpResponse:
        rota_week = self._week(request, week)
        breaches = selectors.breaches_now(rota_week)
        proposal = services.propose_fix(week=rota_week) if breaches else None
        shifts = {str(s.pk): s for s in selectors.shifts_of(rota_week)}
        names = {str(w.pk): w.user.display_name for w in selectors.workers_at(self.service)}
        rows = []
        for sid in dict.fromkeys(c[0] for c in (proposal.changes if proposal else [])):
            shift = shifts[sid]
            after = proposal.rota[sid] if proposal else []  # a change comes from a proposal
            rows.append(
                {
                    "shift": shift,
                    "before": selectors.worker_names_on(shift=shift),
                    "after": [names.get(w, w) for w in after],
                    "value": ",".join(after),
                }
            )
        return render(
            request,
            "rota/fix_week.html",
            {
                "service": self.service,
                "week": rota_week,
                "week_label": week,
                "breaches": breaches,
                "rows": rows,
                "uncovered": proposal.uncovered if proposal else [],
            },
        )

    def post(self, request: AuthenticatedHttpRequest, service_id: int, week: str) -> HttpResponse:
        rota_week = self._week(request, week)
        rota: dict[str, tuple[str, ...]] = {}
        for key in request.POST:
            value = request.POST.get(key, "")
            if key.startswith("shift_"):
                ids = [v for v in value.split(",") if v]
                if not all(v.isdigit() for v in ids) or not key[6:].isdigit():
                    raise BadInput("That change could not be read. Open “Fix this” again.")
                rota[key[6:]] = tuple(ids)
        if not rota:
            messages.error(request, "There is nothing to change. Open “Fix this” again.")
            return redirect("rota:service-week", service_id=service_id, week=week)
        try:
            changed = services.apply_fix(
                week=rota_week,
                rota=rota,
                fixed_by=request.user,
            )
        except services.RotaError as error:
            messages.error(request, f"{error} Nothing was changed; look at “Fix this” again.")
            return redirect("rota:fix", service_id=service_id, week=week)
        messages.success(
            request, f"Published. {changed} shift(s) changed; the people on them can see who now."
        )
        return redirect("rota:service-week", service_id=service_id, week=week)


class ShiftView(PolicyView):
    """Change who works one session, by hand. The checker refuses a broken rule."""

    policy_rule = "rota.plan_service"

    def get_policy_object(self) -> Service:
        shift = selectors.shift_by_id(shift_id=self.kwargs["shift_id"])
        if shift is None:
            raise Http404
        self.shift = shift
        return shift.week.service

    def _choices(self) -> list[tuple[str, str]]:
        return [
            (str(w.pk), w.user.display_name) for w in selectors.workers_at(self.shift.week.service)
        ]

    def get(
        self,
        request: AuthenticatedHttpRequest,
        shift_id: int,
        form: ShiftWorkersForm | None = None,
        refused: str = "",
    ) -> HttpResponse:
        form = form or ShiftWorkersForm(
            choices=self._choices(),
            initial={"workers": selectors.worker_ids_on(shift=self.shift)},
        )
        return render(
            request,
            "rota/shift.html",
            {
                "shift": self.shift,
                "people": selectors.people_on(shift=self.shift),
                "kind": SESSION_KIND_WORDS[SessionKind(self.shift.kind)],
                "form": form,
                "refused": refused,
                "week_label": selectors.week_label(self.shift.week.monday),
            },
        )

    def post(self, request: AuthenticatedHttpRequest, shift_id: int) -> HttpResponse:
        form = ShiftWorkersForm(request.POST, choices=self._choices())
        if not form.is_valid():
            return self.get(request, shift_id, form=form)
        chosen = selectors.workers_at_with_ids(
            service=self.shift.week.service,
            worker_ids=[int(x) for x in form.cleaned_data["workers"]],
        )
        try:
            services.change_shift_workers(
                shift=self.shift,
                workers=chosen,
                changed_by=request.user,
            )
        except services.RotaRuleBroken as refused:
            form.add_error("workers", str(refused))
            return self.get(request, shift_id, form=form, refused=str(refused))
        still = selectors.breaches_now(self.shift.week)
        messages.success(
            request,
            "Saved. The rota keeps every rule."
            if not still
            else f"Saved. This week still breaks {len(still)} rule(s): see “Fix this”.",
        )
        return redirect(
            "rota:service-week",
            service_id=self.shift.week.service_id,
            week=selectors.week_label(self.shift.week.monday),
        )


class MyShiftsView(PolicyView):
    policy_rule = "rota.my_shifts"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        monday = _monday(request)
        worker = staff_member_of(user=request.user)
        if worker is None:
            raise Http404
        return render(
            request,
            "rota/my_shifts.html",
            {
                "shifts": selectors.my_shifts(worker=worker, monday=monday),
                "monday": monday,
                "weeks": _weeks_around(monday),
                "kind_words": {k.value: v for k, v in SESSION_KIND_WORDS.items()},
            },
        )


class PersonWeekView(PersonPageView):
    """Who is supporting me this week, with their faces, in easy read."""

    policy_rule = "rota.see_person_week"
    audit_page = "Who is supporting them this week"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        monday = _monday(request)
        plans = request.user.has_perm("rota.plan_person", self.person)
        shifts = list(
            selectors.person_shifts(person=self.person, monday=monday, published_only=not plans)
        )
        why: Any = None
        names: dict[str, str] = {}
        rota_week = shifts[0].week if shifts else None
        # A published shift that breaks a rule now is being changed: say so, not the name.
        changing = (
            {int(b.session_id) for b in selectors.breaches_now(rota_week)}
            if rota_week and rota_week.status == RotaWeek.Status.PUBLISHED
            else set()
        )
        if rota_week and request.user.has_perm("rota.see_why", self.person):
            week_shifts = list(selectors.shifts_of(rota_week))
            problem = selectors.problem_for_week(rota_week, week_shifts)
            why = explain_for_person(problem, selectors.rota_of(week_shifts), str(self.person.pk))
            names = {w.id: w.name for w in problem.workers}
        return render(
            request,
            "rota/person_week.html",
            {
                "person": self.person,
                "shifts": shifts,
                "monday": monday,
                "weeks": _weeks_around(monday),
                "why": why,
                "changing": changing,
                # Hours, not a share "out of every 100": words the person can picture.
                "hours_with_chosen": why.minutes_with_chosen / 60 if why else None,
                "hours": why.minutes / 60 if why else None,
                "names": names,
                "kind_words": {k.value: v for k, v in SESSION_KIND_WORDS.items()},
            },
        )


class SupportPatternView(PersonPageView):
    """The manager sets the person's weekly pattern of support sessions."""

    policy_rule = "rota.plan_person"
    audit_page = "Their weekly support pattern"

    def _form(self, data: Any = None) -> SupportNeedForm:
        others = selectors.others_at_service(person=self.person)
        return SupportNeedForm(
            data,
            days=list(DAYS),
            kinds=KIND_CHOICES,
            skills=[(str(s.pk), s.name) for s in all_skills()],
            others=[(str(p.pk), p.preferred_name) for p in others],
        )

    def get(
        self, request: AuthenticatedHttpRequest, person_id: int, form: SupportNeedForm | None = None
    ) -> HttpResponse:
        return render(
            request,
            "rota/pattern.html",
            {
                "person": self.person,
                "needs": selectors.support_needs_of(person=self.person),
                "form": form or self._form(),
            },
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        if "remove" in request.POST:
            need = selectors.support_need_of(
                person=self.person, need_id=request.POST.get("remove") or 0
            )
            if need is None:
                raise Http404
            services.remove_support_need(need=need, changed_by=request.user)
            messages.success(request, "Taken away from the pattern.")
            return redirect("rota:pattern", person_id=person_id)
        form = self._form(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        data = form.cleaned_data
        services.add_support_need(
            person=self.person,
            day=data["day"],
            starts=data["starts"],
            ends=data["ends"],
            kind=data["kind"],
            workers_needed=data["workers_needed"],
            skills=skills_with_ids(skill_ids=[int(x) for x in data["skills"]]),
            shared_with=selectors.people_with_ids(person_ids=[int(x) for x in data["shared_with"]]),
            changed_by=request.user,
            personal_care=data["personal_care"] is True,
        )
        messages.success(request, "Added to the pattern. Solve the week again to use it.")
        return redirect("rota:pattern", person_id=person_id)


class PersonalCareView(PersonPageView):
    """Who may give the person personal care: set by the person, or their manager with
    them. A hard rule of the rota."""

    policy_rule = "rota.set_personal_care"
    audit_page = "Who may give them personal care"

    def _form(self, data: Any = None, initial: dict[str, Any] | None = None) -> PersonalCareForm:
        team = selectors.workers_at(self.person.service) if self.person.service_id else []
        return PersonalCareForm(
            data,
            initial=initial,
            by=list(PersonalCare.By.choices),
            workers=[(str(w.pk), w.user.display_name) for w in team],
        )

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        form: PersonalCareForm | None = None,
    ) -> HttpResponse:
        rule = selectors.personal_care_of(self.person)
        saved = selectors.personal_care_worker_ids(rule=rule)
        return render(
            request,
            "rota/personal_care.html",
            {
                "person": self.person,
                "rule": rule,
                "is_the_person": request.user.pk == self.person.user_id,
                "form": form or self._form(initial={"by": rule.by, "workers": saved}),
            },
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        form = self._form(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        named = [int(pk) for pk in form.cleaned_data["workers"]]
        try:
            services.set_personal_care(
                person=self.person,
                by=form.cleaned_data["by"],
                workers=staff_with_ids(worker_ids=named),
                changed_by=request.user,
            )
        except services.RotaError as error:
            form.add_error("workers", str(error))
            return self.get(request, person_id, form=form)
        messages.success(request, "Saved. Every rota from now on keeps to this.")
        return redirect("rota:personal-care", person_id=person_id)


class WorkerPlanView(PolicyView):
    """A support worker's hours, usual availability, leave and sickness."""

    policy_rule = "rota.plan_worker"

    def get_policy_object(self) -> StaffMember:
        found = staff_member_by_id(worker_id=self.kwargs["worker_id"])
        if found is None:
            raise Http404
        self.worker = found
        return found

    def _skills_form(
        self, data: Any = None, ticked: list[int] | None = None, seen: list[Skill] | None = None
    ) -> WorkerSkillsForm:
        """The skills form: bound to `data`, or showing `ticked` (the worker's skills by
        default) with `seen` (the saved skills) as what the manager started from."""
        choices = [(str(s.pk), s.name) for s in skills_by_name()]
        if data is not None:
            return WorkerSkillsForm(data, choices=choices)
        saved = seen if seen is not None else selectors.skills_of(worker=self.worker)
        shown = ticked if ticked is not None else [s.pk for s in saved]
        return WorkerSkillsForm(
            initial={"skills": [str(pk) for pk in shown], "original": skill_ids(saved)},
            choices=choices,
        )

    def get(
        self,
        request: AuthenticatedHttpRequest,
        worker_id: int,
        terms_conflict: Any = None,
        skills_conflict: list[Skill] | None = None,
        **forms: Any,
    ) -> HttpResponse:
        terms = selectors.terms_of(worker=self.worker)
        return render(
            request,
            "rota/worker.html",
            {
                "worker": self.worker,
                "terms": terms,
                "terms_form": forms.get("terms_form")
                or WorkerTermsForm(
                    initial={
                        "min_hours": terms.min_hours if terms else self.worker.contracted_hours,
                        "max_hours": terms.max_hours if terms else 48,
                        "opted_out_of_48_hours": terms.opted_out_of_48_hours if terms else False,
                        "gender": terms.gender if terms else "",
                        "version": terms.version if terms else 1,
                    }
                ),
                "conflict": _describe_terms(terms_conflict) if terms_conflict else "",
                "skills_form": forms.get("skills_form") or self._skills_form(),
                "skills_conflict": (
                    ", ".join(s.name for s in skills_conflict) or "no skills"
                    if skills_conflict is not None
                    else ""
                ),
                "availability_form": forms.get("availability_form")
                or AvailabilityForm(days=list(DAYS)),
                "absence_form": forms.get("absence_form") or AbsenceForm(),
                "availability": selectors.availability_of(worker=self.worker),
                "absences": selectors.absences_of(worker=self.worker),
            },
        )

    def post(self, request: AuthenticatedHttpRequest, worker_id: int) -> HttpResponse:
        which = request.POST.get("form")
        user: Any = request.user
        if which == "terms":
            terms_form = WorkerTermsForm(request.POST)
            if not terms_form.is_valid():
                return self.get(request, worker_id, terms_form=terms_form)
            data = dict(terms_form.cleaned_data)
            try:
                services.set_worker_terms(
                    worker=self.worker,
                    expected_version=data.pop("version"),
                    changed_by=user,
                    **data,
                )
            except services.TermsChanged as changed:
                # Keep what this manager typed; say what is saved now.
                fresh = WorkerTermsForm(initial={**data, "version": changed.current.version})
                return self.get(
                    request, worker_id, terms_form=fresh, terms_conflict=changed.current
                )
        elif which == "skills":
            skills_form = self._skills_form(request.POST)
            if not skills_form.is_valid():
                return self.get(request, worker_id, skills_form=skills_form)
            chosen = [int(pk) for pk in skills_form.cleaned_data["skills"]]
            try:
                services.set_worker_skills(
                    worker=self.worker,
                    skills=skills_with_ids(skill_ids=chosen),
                    original=skills_form.cleaned_data["original"],
                    changed_by=user,
                )
            except services.SkillsChanged as changed:
                # Keep what this manager ticked; say what is saved now.
                kept = self._skills_form(ticked=chosen, seen=changed.current)
                return self.get(
                    request, worker_id, skills_form=kept, skills_conflict=changed.current
                )
        elif which == "availability":
            availability_form = AvailabilityForm(request.POST, days=list(DAYS))
            if not availability_form.is_valid():
                return self.get(request, worker_id, availability_form=availability_form)
            services.add_availability(
                worker=self.worker, changed_by=user, **availability_form.cleaned_data
            )
        elif which == "absence":
            absence_form = AbsenceForm(request.POST)
            if not absence_form.is_valid():
                return self.get(request, worker_id, absence_form=absence_form)
            services.add_absence(worker=self.worker, changed_by=user, **absence_form.cleaned_data)
        else:
            raise Http404
        messages.success(request, "Saved. Solve the week again to use it.")
        return redirect("rota:worker", worker_id=worker_id)


class _WorkerEntryView(PolicyView):
    """One availability or absence entry of a worker, changed or deleted by their manager.

    The rule is the worker page's (`rota.plan_worker`, on the entry's worker): anyone else
    is told the page does not exist.
    """

    policy_rule = "rota.plan_worker"
    model: type[Availability] | type[Absence]
    url_kwarg = ""

    def get_policy_object(self) -> StaffMember:
        pk = self.kwargs[self.url_kwarg]
        entry = selectors.entry_by_id(model=self.model, entry_id=pk)
        self.entry: Any = entry
        if entry is None:
            # Deleted (by someone else, say): its history still names the worker, so their
            # manager is told what happened; anyone else still gets "not found".
            worker = selectors.worker_of_deleted_entry(model=self.model, entry_id=pk)
            if worker is None:
                raise Http404
            self.worker = worker
            return worker
        self.worker = entry.worker
        return entry.worker

    def _describe(self, entry: Any) -> str:
        if isinstance(entry, Availability):
            return f"{entry.get_day_display()} {entry.starts:%H:%M} to {entry.ends:%H:%M}"
        return (
            f"{entry.get_reason_display()}: {entry.first_day:%-d %B %Y} to "
            f"{entry.last_day:%-d %B %Y}"
        )

    def _gone(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        messages.warning(
            request,
            "Someone else has deleted this entry. Nothing else changed.",
        )
        return redirect("rota:worker", worker_id=self.worker.pk)


class _EditEntryView(_WorkerEntryView):
    template = ""

    def _form(self, data: Any = None, initial: dict[str, Any] | None = None) -> Any:
        raise NotImplementedError

    def _form_from(self, values: dict[str, Any]) -> Any:
        """An unbound form showing `values`, times as 09:30 (the way they are typed)."""
        return self._form(
            initial={
                k: v.strftime("%H:%M") if isinstance(v, datetime.time) else v
                for k, v in values.items()
            }
        )

    def _initial(self) -> dict[str, Any]:
        raise NotImplementedError

    def _save(self, data: dict[str, Any], user: Any) -> None:
        raise NotImplementedError

    def get(
        self,
        request: AuthenticatedHttpRequest,
        form: Any = None,
        conflict: Any = None,
        **kwargs: Any,
    ) -> HttpResponse:
        if self.entry is None:
            return self._gone(request)
        return render(
            request,
            self.template,
            {
                "worker": self.worker,
                "entry": self.entry,
                "form": form or self._form_from({**self._initial(), "version": self.entry.version}),
                "conflict": self._describe(conflict) if conflict else "",
            },
        )

    def post(self, request: AuthenticatedHttpRequest, **kwargs: Any) -> HttpResponse:
        if self.entry is None:
            return self._gone(request)
        form = self._form(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        try:
            self._save(form.cleaned_data, request.user)
        except services.EntryChanged as changed:
            if changed.current is None:
                return self._gone(request)
            # Keep what this manager typed; show what is saved now beside it.
            data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
            fresh = self._form_from({**data, "version": changed.current.version})
            return self.get(request, form=fresh, conflict=changed.current)
        messages.success(request, "Saved. Solve the week again to use it.")
        return redirect("rota:worker", worker_id=self.worker.pk)


class AvailabilityEditView(_EditEntryView):
    model = Availability
    url_kwarg = "availability_id"
    template = "rota/availability_edit.html"

    def _form(self, data: Any = None, initial: dict[str, Any] | None = None) -> Any:
        return AvailabilityEditForm(data, initial=initial, days=list(DAYS))

    def _initial(self) -> dict[str, Any]:
        return {"day": self.entry.day, "starts": self.entry.starts, "ends": self.entry.ends}

    def _save(self, data: dict[str, Any], user: Any) -> None:
        services.change_availability(
            slot=self.entry,
            expected_version=data["version"],
            day=data["day"],
            starts=data["starts"],
            ends=data["ends"],
            changed_by=user,
        )


class AbsenceEditView(_EditEntryView):
    model = Absence
    url_kwarg = "absence_id"
    template = "rota/absence_edit.html"

    def _form(self, data: Any = None, initial: dict[str, Any] | None = None) -> Any:
        return AbsenceEditForm(data, initial=initial)

    def _initial(self) -> dict[str, Any]:
        return {
            "first_day": self.entry.first_day,
            "last_day": self.entry.last_day,
            "reason": self.entry.reason,
        }

    def _save(self, data: dict[str, Any], user: Any) -> None:
        services.change_absence(
            absence=self.entry,
            expected_version=data["version"],
            first_day=data["first_day"],
            last_day=data["last_day"],
            reason=data["reason"],
            changed_by=user,
        )


class _DeleteEntryView(_WorkerEntryView):
    what = ""

    def _delete(self, version: int, user: Any) -> None:
        raise NotImplementedError

    def get(
        self, request: AuthenticatedHttpRequest, changed: bool = False, **kwargs: Any
    ) -> HttpResponse:
        if self.entry is None:
            return self._gone(request)
        return render(
            request,
            "rota/entry_delete.html",
            {
                "worker": self.worker,
                "what": self.what,
                "description": self._describe(self.entry),
                "form": DeleteEntryForm(initial={"version": self.entry.version}),
                "changed": changed,
            },
        )

    def post(self, request: AuthenticatedHttpRequest, **kwargs: Any) -> HttpResponse:
        if self.entry is None:
            return self._gone(request)
        form = DeleteEntryForm(request.POST)
        if not form.is_valid():
            raise Http404
        try:
            self._delete(form.cleaned_data["version"], request.user)
        except services.EntryChanged as changed:
            if changed.current is None:
                return self._gone(request)
            self.entry = changed.current
            return self.get(request, changed=True)
        messages.success(request, "Deleted. Solve the week again to use it.")
        return redirect("rota:worker", worker_id=self.worker.pk)


class AvailabilityDeleteView(_DeleteEntryView):
    model = Availability
    url_kwarg = "availability_id"
    what = "availability"

    def _delete(self, version: int, user: Any) -> None:
        services.remove_availability(slot=self.entry, expected_version=version, changed_by=user)


class AbsenceDeleteView(_DeleteEntryView):
    model = Absence
    url_kwarg = "absence_id"
    what = "leave or sickness"

    def _delete(self, version: int, user: Any) -> None:
        services.remove_absence(absence=self.entry, expected_version=version, changed_by=user)


WEIGHT_FIELDS = ("preferred_hours", "continuity", "contracted_hours", "fair_weekends_nights")


class RotaSettingsView(OwnOrganisationView):
    """An organisation admin sets how much each soft goal counts in their rotas."""

    policy_rule = "rota.change_settings"

    def get(
        self, request: AuthenticatedHttpRequest, form: Any = None, conflict: Any = None
    ) -> HttpResponse:
        saved = selectors.rota_settings_of(organisation_id=self.organisation.pk)
        initial = {f: getattr(saved, f) for f in WEIGHT_FIELDS}
        return render(
            request,
            "rota/settings.html",
            {
                "organisation": self.organisation,
                "form": form or RotaWeightsForm(initial={**initial, "version": saved.version}),
                "conflict": _describe_weights(conflict) if conflict else "",
            },
        )

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = RotaWeightsForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        data = dict(form.cleaned_data)
        try:
            services.set_rota_weights(
                organisation=self.organisation,
                expected_version=data.pop("version"),
                changed_by=request.user,
                **data,
            )
        except services.SettingsChanged as changed:
            # Keep what this admin typed; say what is saved now.
            fresh = RotaWeightsForm(initial={**data, "version": changed.current.version})
            return self.get(request, form=fresh, conflict=changed.current)
        messages.success(request, "Saved. Rotas solved from now on use these.")
        return redirect("rota:settings")


def _describe_weights(saved: Any) -> str:
    labels = RotaWeightsForm.base_fields
    return "; ".join(f"{labels[f].label} {getattr(saved, f)}" for f in WEIGHT_FIELDS)


def _describe_terms(saved: WorkerTerms) -> str:
    opted = ", opted out of the 48-hour week" if saved.opted_out_of_48_hours else ""
    low, high = (f"{Decimal(h).normalize():f}" for h in (saved.min_hours, saved.max_hours))
    return f"contracted {low} hours, most {high} hours{opted}"
