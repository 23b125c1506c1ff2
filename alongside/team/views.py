"""Pages for the person's team choices and their requests for a change. Views stay thin."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from alongside.concurrency import EditConflict
from alongside.organisations.models import StaffMember
from alongside.organisations.selectors import staff_member_by_id
from alongside.policy.access import (
    AuthenticatedHttpRequest,
    OwnOrganisationView,
    PersonPageView,
    PolicyView,
    fetch_person,
)
from alongside.words import counted

from . import selectors, services
from .forms import (
    AskForChangeForm,
    ChangeRequestStatusForm,
    TeamChoiceForm,
    TeamSettingsForm,
    WhatILookForForm,
    WorkerPhotoForm,
    WorkerWordsForm,
)
from .models import TeamChoice, WhatILookFor


class MyTeamView(PersonPageView):
    policy_rule = "team.see_choices"
    audit_page = "Their team choices"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        look_for = selectors.what_i_look_for_of(person=self.person)
        return render(
            request,
            "team/my_team.html",
            {
                "person": self.person,
                "team": selectors.my_team_with_choices(person=self.person),
                "look_for": look_for,
                "tag_labels": dict(WhatILookFor.Tag.choices),
                "requests": selectors.change_requests_for_person(person=self.person)[:20],
                "today": timezone.localdate(),
            },
        )


class TeamChoiceView(PersonPageView):
    policy_rule = "team.choose"

    def _worker(self) -> StaffMember:
        worker = selectors.worker_at_service(person=self.person, worker_id=self.kwargs["worker_id"])
        if worker is None:
            raise Http404
        return worker

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        worker_id: int,
        form: TeamChoiceForm | None = None,
        conflict: TeamChoice | None = None,
    ) -> HttpResponse:
        worker = self._worker()
        existing = selectors.team_choice_of(person=self.person, worker=worker)
        form = form or TeamChoiceForm(
            initial={
                "choice": existing.choice if existing else "",
                "reason": existing.reason if existing else "",
                "version": existing.version if existing else 0,
            }
        )
        return render(
            request,
            "team/choose.html",
            {"person": self.person, "worker": worker, "form": form, "conflict": conflict},
        )

    def post(
        self, request: AuthenticatedHttpRequest, person_id: int, worker_id: int
    ) -> HttpResponse:
        worker = self._worker()
        form = TeamChoiceForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, worker_id, form=form)
        data = form.cleaned_data
        try:
            services.set_team_choice(
                person=self.person,
                worker=worker,
                choice=data["choice"],
                reason=data["reason"],
                changed_by=request.user,
                expected_version=data["version"],
            )
        except EditConflict as conflict:
            # Someone else changed it since the page was shown: keep what the person chose
            # on the page, show what is saved now, and let them save again on top of it.
            saved = conflict.current if conflict.current and conflict.current.pk else None
            fresh = TeamChoiceForm(initial={**data, "version": saved.version if saved else 0})
            return self.get(
                request,
                person_id,
                worker_id,
                form=fresh,
                conflict=saved or TeamChoice(person=self.person, worker=worker),
            )
        messages.success(request, f"Saved your choice about {worker.user.display_name}.")
        return redirect("team:my-team", person_id=person_id)


class WhatILookForView(PersonPageView):
    policy_rule = "team.choose"

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        form: WhatILookForForm | None = None,
        conflict: WhatILookFor | None = None,
    ) -> HttpResponse:
        current = selectors.what_i_look_for_of(person=self.person)
        form = form or WhatILookForForm(
            initial={
                "tags": current.tags if current else [],
                "my_words": current.my_words if current else "",
                "version": current.version if current else 1,
            }
        )
        return render(
            request,
            "team/what_i_look_for.html",
            {
                "person": self.person,
                "form": form,
                "conflict": conflict,
                "tag_labels": dict(WhatILookFor.Tag.choices),
            },
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        form = WhatILookForForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        data = form.cleaned_data
        try:
            services.save_what_i_look_for(
                person=self.person,
                tags=data["tags"],
                my_words=data["my_words"],
                expected_version=data["version"],
                changed_by=request.user,
            )
        except EditConflict as conflict:
            fresh = WhatILookForForm(initial={**data, "version": conflict.current.version})
            return self.get(request, person_id, form=fresh, conflict=conflict.current)
        messages.success(request, "Saved what you look for in a support worker.")
        return redirect("team:my-team", person_id=person_id)


class AskForChangeView(PersonPageView):
    policy_rule = "team.ask_for_change"
    audit_page = "Ask for a change to their team"

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        form: AskForChangeForm | None = None,
    ) -> HttpResponse:
        form = form or AskForChangeForm(
            workers=selectors.workers_at_service(person=self.person),
            initial={"worker": request.GET.get("worker")},
        )
        days = services.change_request_days(person=self.person)
        # The days are the organisation's own setting, so the promise matches the deadline.
        answer_within = f"Your service manager will answer within {counted(days, 'day', 'days')}."
        return render(
            request,
            "team/ask_for_change.html",
            {"person": self.person, "form": form, "answer_within": answer_within},
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        form = AskForChangeForm(
            request.POST, workers=selectors.workers_at_service(person=self.person)
        )
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        change = services.ask_for_change(
            person=self.person,
            kind=form.cleaned_data["kind"],
            worker=form.cleaned_data["worker"],
            what_i_want=form.cleaned_data["what_i_want"],
            my_words=form.cleaned_data["my_words"],
            asked_by=request.user,
        )
        messages.success(
            request,
            f"We have your request. Your service manager will answer by "
            f"{change.deadline:%A %-d %B}.",
        )
        return redirect("team:my-team", person_id=person_id)


class ChangeRequestListView(PolicyView):
    """The service manager's requests for a change: open ones, overdue first, or (the "done
    and closed" tab) finished ones, most recently closed first."""

    policy_rule = "team.handle_change_requests"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        closed = request.GET.get("show") == "closed"
        requests = (
            selectors.closed_change_requests_for_manager(user=request.user)
            if closed
            else selectors.change_requests_for_manager(user=request.user)
        )
        page = Paginator(requests, 25).get_page(request.GET.get("page"))
        return render(
            request,
            "team/change_requests.html",
            {"page": page, "today": timezone.localdate(), "closed": closed},
        )


class ChangeRequestView(PolicyView):
    policy_rule = "team.handle_change_request"
    audit_page = "A request to change their team"

    def get_policy_object(self) -> Any:
        found = selectors.change_request_by_id(request_id=self.kwargs["request_id"])
        if found is None:
            raise Http404
        fetch_person(self.request.user, found.person_id)  # 404 unless the user may see them
        self.change = found
        return found.person

    def get(
        self,
        request: AuthenticatedHttpRequest,
        request_id: int,
        form: ChangeRequestStatusForm | None = None,
    ) -> HttpResponse:
        form = form or ChangeRequestStatusForm(
            initial={"status": self.change.status, "could_not_reason": self.change.could_not_reason}
        )
        return render(
            request,
            "team/change_request.html",
            {"change": self.change, "form": form, "today": timezone.localdate()},
        )

    def post(self, request: AuthenticatedHttpRequest, request_id: int) -> HttpResponse:
        form = ChangeRequestStatusForm(request.POST)
        if not form.is_valid():
            return self.get(request, request_id, form=form)
        services.update_change_request(
            request=self.change,
            status=form.cleaned_data["status"],
            could_not_reason=form.cleaned_data["could_not_reason"],
            changed_by=request.user,
        )
        messages.success(request, "Saved. The person can see where their request is.")
        return redirect("team:change-requests")


class _WorkerPolicyView(PolicyView):
    def get_policy_object(self) -> StaffMember:
        found = staff_member_by_id(worker_id=self.kwargs["worker_id"])
        if found is None:
            raise Http404
        self.worker = found
        return found


class WorkerPhotoView(_WorkerPolicyView):
    """A support worker's photo, only for those who may see that worker."""

    policy_rule = "team.see_worker_photo"

    def get(self, request: AuthenticatedHttpRequest, worker_id: int) -> HttpResponse:
        photo = selectors.photo_of(worker=self.worker)
        if photo is None:
            raise Http404
        response = HttpResponse(bytes(photo.data), content_type=photo.content_type)
        response["Cache-Control"] = "private, max-age=3600"
        response["X-Content-Type-Options"] = "nosniff"
        return response


class WorkerPhotoChangeView(_WorkerPolicyView):
    """The worker (or their service manager) uploads or removes the worker's photo."""

    policy_rule = "team.change_worker_photo"

    def get(
        self, request: AuthenticatedHttpRequest, worker_id: int, form: WorkerPhotoForm | None = None
    ) -> HttpResponse:
        return render(
            request,
            "team/worker_photo.html",
            {
                "worker": self.worker,
                "is_me": self.worker.user_id == request.user.pk,
                "has_photo": selectors.has_photo(worker=self.worker),
                "form": form or WorkerPhotoForm(),
            },
        )

    def post(self, request: AuthenticatedHttpRequest, worker_id: int) -> HttpResponse:
        if request.POST.get("remove"):
            services.remove_worker_photo(worker=self.worker)
            messages.success(request, "The photo is removed. Initials are shown instead.")
            return redirect("team:worker-photo-change", worker_id=worker_id)
        form = WorkerPhotoForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.get(request, worker_id, form=form)
        services.set_worker_photo(
            worker=self.worker,
            photo=form.cleaned_data["photo"],
            changed_by=request.user,
        )
        messages.success(request, "The photo is saved.")
        return redirect("team:worker-photo-change", worker_id=worker_id)


class WorkerWordsView(_WorkerPolicyView):
    """A support worker writes a few words about themselves for the people they support."""

    policy_rule = "team.write_about_myself"

    def get(
        self,
        request: AuthenticatedHttpRequest,
        worker_id: int,
        form: WorkerWordsForm | None = None,
        conflict: StaffMember | None = None,
    ) -> HttpResponse:
        saved = self.worker.about_me
        return render(
            request,
            "team/worker_words.html",
            {
                "worker": self.worker,
                "form": form or WorkerWordsForm(initial={"about_me": saved, "original": saved}),
                "conflict": (conflict.about_me or "(nothing)") if conflict else "",
            },
        )

    def post(self, request: AuthenticatedHttpRequest, worker_id: int) -> HttpResponse:
        form = WorkerWordsForm(request.POST)
        if not form.is_valid():
            return self.get(request, worker_id, form=form)
        try:
            services.set_worker_words(
                worker=self.worker,
                words=form.cleaned_data["about_me"],
                original=form.cleaned_data["original"],
                changed_by=request.user,
            )
        except services.WorkerWordsChanged as changed:
            # Keep what they typed; show what is saved now, to merge by hand.
            fresh = WorkerWordsForm(
                initial={
                    "about_me": form.cleaned_data["about_me"],
                    "original": changed.current.about_me,
                }
            )
            return self.get(request, worker_id, form=fresh, conflict=changed.current)
        messages.success(request, "Saved. The people you support see these words.")
        return redirect("team:worker-words", worker_id=worker_id)


class TeamSettingsView(OwnOrganisationView):
    """An organisation admin sets how many days services have to answer a request."""

    policy_rule = "team.change_settings"

    def get(
        self, request: AuthenticatedHttpRequest, form: Any = None, conflict: Any = None
    ) -> HttpResponse:
        saved = selectors.team_settings_of(organisation_id=self.organisation.pk)
        return render(
            request,
            "team/settings.html",
            {
                "organisation": self.organisation,
                "form": form
                or TeamSettingsForm(
                    initial={"days": saved.change_request_days, "version": saved.version}
                ),
                "conflict": counted(conflict.change_request_days, "day", "days")
                if conflict
                else "",
            },
        )

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = TeamSettingsForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        try:
            services.set_change_request_days(
                organisation=self.organisation,
                expected_version=form.cleaned_data["version"],
                days=form.cleaned_data["days"],
                changed_by=request.user,
            )
        except services.TeamSettingsChanged as changed:
            fresh = TeamSettingsForm(
                initial={"days": form.cleaned_data["days"], "version": changed.current.version}
            )
            return self.get(request, form=fresh, conflict=changed.current)
        messages.success(request, "Saved. New requests for a change get this deadline.")
        return redirect("team:settings")
