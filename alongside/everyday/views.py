"""Everyday pages. Thin: each names one rule, fetches through the user's scope and leaves the
work to services.py and selectors.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from alongside.bad_input import whole_number
from alongside.concurrency import EditConflict
from alongside.notifications.selectors import messages_of
from alongside.organisations.models import Service
from alongside.organisations.selectors import service_by_id, service_names
from alongside.people.selectors import what_helps_on_a_bad_day
from alongside.people.sharing import Part
from alongside.policy.access import (
    AuthenticatedHttpRequest,
    PersonPageView,
    PersonPartPageView,
    PolicyView,
)

from . import selectors, services
from .charts import feelings_chart
from .forms import (
    AgendaItemForm,
    CheckInForm,
    HowOftenForm,
    MeetingActionForm,
    MeetingNotesForm,
    PlanMeetingForm,
    SuggestionForm,
    SuggestionResponseForm,
)
from .models import (
    FEELING_PICTURES,
    NEXT_STATUSES,
    Feeling,
    Meeting,
    MeetingAction,
    Suggestion,
    SuggestionStatus,
)


class TodayPartView(PersonPartPageView):
    """A page about the `today` part of one person's record."""

    policy_part = Part.TODAY


FEELINGS = [
    {"value": value, "label": label, "picture": FEELING_PICTURES[Feeling(value)]}
    for value, label in Feeling.choices
]


class CheckInView(TodayPartView):
    policy_rule = "everyday.check_in"
    audit_page = "How I am today"

    def _sees_what_helps(self) -> bool:
        return bool(self.request.user.has_perm("everyday.see_what_helps", self.person))

    def _form(self, data: Any = None, initial: Any = None) -> CheckInForm:
        # The choices are the person's own words from About me: not for a helper they hide
        # them from (the form then leaves what was chosen as it is).
        if not self._sees_what_helps():
            return CheckInForm(data, initial=initial, helps_choices=None)
        return CheckInForm(
            data, initial=initial, helps_choices=what_helps_on_a_bad_day(person=self.person)
        )

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        form: CheckInForm | None = None,
        conflict: Any = None,
    ) -> HttpResponse:
        today = selectors.check_in_today(person=self.person)
        if form is None:
            initial: dict[str, Any] = {"version": 0, "alert_team": "no"}
            if today is not None:
                initial = {
                    "feeling": today.feeling,
                    "helps": today.helps if self._sees_what_helps() else [],
                    "note": today.note,
                    "alert_team": "yes" if today.alert_team else "no",
                    "version": today.version,
                }
            form = self._form(initial=initial)
        return render(
            request,
            "everyday/check_in.html",
            {
                "person": self.person,
                "form": form,
                "today": today,
                "conflict": conflict,
                "feelings": FEELINGS,
                "is_the_person": self.person.user_id == request.user.pk,
            },
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        form = self._form(data=request.POST)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        data = form.cleaned_data
        try:
            services.save_check_in(
                person=self.person,
                recorded_by=request.user,
                on=timezone.localdate(),
                expected_version=data["version"],
                feeling=data["feeling"],
                helps=data["helps"] if "helps" in form.fields else None,
                note=data["note"],
                alert_team=data["alert_team"] == "yes",
            )
        except EditConflict as conflict:
            fresh = self._form(
                initial={**data, "version": conflict.current.version},
            )
            return self.get(request, person_id, form=fresh, conflict=conflict.current)
        except ValidationError as error:
            form.add_error(None, error.messages[0])
            return self.get(request, person_id, form=form)
        messages.success(request, "Thank you. Saved how you are today.")
        return redirect("everyday:patterns", person_id=self.person.pk)


class PatternsView(TodayPartView):
    policy_rule = "everyday.see_check_ins"
    audit_page = "How I have been"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        check_ins = selectors.recent_check_ins(person=self.person, weeks=6)
        is_the_person = self.person.user_id == request.user.pk
        title = "How I have been" if is_the_person else f"How {self.person} has been"
        return render(
            request,
            "everyday/patterns.html",
            {
                "person": self.person,
                "check_ins": list(reversed(check_ins)),
                "chart": feelings_chart(title=f"{title}: the last 6 weeks", check_ins=check_ins),
                "title": title,
                "is_the_person": is_the_person,
                "sees_what_helps": request.user.has_perm("everyday.see_what_helps", self.person),
                "may_check_in": request.user.has_perm("everyday.check_in", self.policy_object),
            },
        )


def _names_note(template: str, names: list[str]) -> str:
    if not names:
        return ""
    names = sorted(names)
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return template.format(listed)


class HandoverView(PolicyView):
    policy_rule = "everyday.see_handover"
    audit_page = "Today handover"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        today = selectors.handover(user=request.user)
        page = Paginator(today.person_ids, 25).get_page(request.GET.get("page"))
        rows = selectors.handover_rows(
            user=request.user, person_ids=list(page.object_list), times_with=today.times_with
        )
        sources = service_names(service_ids=today.rota_service_ids | today.everyone_service_ids)
        return render(
            request,
            "everyday/handover.html",
            {
                "page": page,
                "rows": rows,
                "today": timezone.localdate(),
                "rota_note": _names_note(
                    "From the published rota: the people on your shifts today at {}.",
                    [sources[pk] for pk in today.rota_service_ids],
                ),
                "everyone_note": _names_note(
                    "Everyone at {}: you have no shift there today in a published rota.",
                    [sources[pk] for pk in today.everyone_service_ids],
                ),
            },
        )


# --- Suggestions -------------------------------------------------------------------------


class SuggestView(PolicyView):
    policy_rule = "everyday.suggest"

    def _form(self, data: Any = None) -> SuggestionForm:
        services_ = selectors.services_to_suggest_to(user=self.request.user)
        initial = {"anonymous": "no"}
        if len(services_) == 1:
            initial["service"] = str(services_[0].pk)
        return SuggestionForm(data, initial=initial, services=services_)

    def get(
        self, request: AuthenticatedHttpRequest, form: SuggestionForm | None = None
    ) -> HttpResponse:
        return render(request, "everyday/suggest.html", {"form": form or self._form()})

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = self._form(request.POST)
        if not form.is_valid():
            return self.get(request, form=form)
        data = form.cleaned_data
        service = selectors.service_to_suggest_to(service_id=data["service"])
        services.make_suggestion(
            service=service,
            suggested_by=request.user,
            text=data["text"],
            anonymous=data["anonymous"] == "yes",
        )
        messages.success(
            request,
            "Thank you for your idea. The manager will answer it on “You said, we did”.",
        )
        return redirect("everyday:you-said-we-did", service_id=service.pk)


class MyIdeasView(PolicyView):
    """The signed-in user's own named ideas, newest first, each with its answer."""

    policy_rule = "everyday.suggest"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        page = Paginator(selectors.my_ideas(user=request.user), 20).get_page(
            request.GET.get("page")
        )
        return render(request, "everyday/my_ideas.html", {"page": page})


class SuggestionsView(PolicyView):
    policy_rule = "everyday.see_suggestions"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        page = Paginator(selectors.suggestions_to_answer(user=request.user), 25).get_page(
            request.GET.get("page")
        )
        return render(request, "everyday/suggestions.html", {"page": page})


class SuggestionView(PolicyView):
    policy_rule = "everyday.respond_to_suggestion"

    def get_policy_object(self) -> Suggestion:
        found = selectors.suggestion_for(
            user=self.request.user, suggestion_id=self.kwargs["suggestion_id"]
        )
        if found is None:
            raise Http404
        return found

    def _statuses(self, suggestion: Suggestion) -> list[tuple[str, str]]:
        now = SuggestionStatus(suggestion.status)
        return [(s.value, s.label) for s in [now, *NEXT_STATUSES[now]]]

    def get(
        self,
        request: AuthenticatedHttpRequest,
        suggestion_id: int,
        form: SuggestionResponseForm | None = None,
        conflict: Any = None,
    ) -> HttpResponse:
        suggestion = self.policy_object
        form = form or SuggestionResponseForm(
            initial={
                "status": suggestion.status,
                "response": suggestion.response,
                "version": suggestion.version,
            },
            statuses=self._statuses(suggestion),
        )
        return render(
            request,
            "everyday/suggestion.html",
            {"suggestion": suggestion, "form": form, "conflict": conflict},
        )

    def post(self, request: AuthenticatedHttpRequest, suggestion_id: int) -> HttpResponse:
        suggestion = self.policy_object
        form = SuggestionResponseForm(request.POST, statuses=self._statuses(suggestion))
        if not form.is_valid():
            return self.get(request, suggestion_id, form=form)
        data = form.cleaned_data
        try:
            services.respond_to_suggestion(
                suggestion=suggestion,
                responded_by=request.user,
                expected_version=data["version"],
                status=data["status"],
                response=data["response"],
            )
        except services.SuggestionConflict as conflict:
            fresh = SuggestionResponseForm(
                initial={**data, "version": conflict.current.version},
                statuses=self._statuses(conflict.current),
            )
            return self.get(request, suggestion_id, form=fresh, conflict=conflict.current)
        except ValidationError as error:
            form.add_error(None, error)
            return self.get(request, suggestion_id, form=form)
        messages.success(request, "Saved. The answer is on “You said, we did”.")
        return redirect("everyday:suggestions")


class YouSaidWeDidView(PolicyView):
    policy_rule = "everyday.see_you_said_we_did"

    def get_policy_object(self) -> Service:
        found = service_by_id(service_id=self.kwargs["service_id"])
        if found is None:
            raise Http404
        return found

    def get(self, request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
        service = self.policy_object
        page = Paginator(selectors.you_said_we_did(service=service), 20).get_page(
            request.GET.get("page")
        )
        return render(
            request,
            "everyday/you_said_we_did.html",
            {"service": service, "page": page},
        )


# --- Meetings ----------------------------------------------------------------------------


class MeetingsView(PersonPageView):
    """The person's regular meetings: the next one and its agenda, open actions, and past
    meetings. Plans the next meeting and adds agenda items (POST)."""

    policy_rule = "everyday.see_meetings"
    audit_page = "My meetings"

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        plan_form: PlanMeetingForm | None = None,
        agenda_form: AgendaItemForm | None = None,
        how_often_form: HowOftenForm | None = None,
    ) -> HttpResponse:
        meeting = selectors.planned_meeting(person=self.person)
        today = timezone.localdate()
        return render(
            request,
            "everyday/meetings.html",
            {
                "person": self.person,
                "meeting": meeting,
                "plan_form": plan_form or PlanMeetingForm(initial={"how_often": "fortnightly"}),
                "agenda_form": agenda_form or AgendaItemForm(),
                "how_often_form": how_often_form
                or HowOftenForm(initial={"how_often": meeting.how_often if meeting else None}),
                "actions": selectors.open_actions(person=self.person),
                "today": today,
                "past": selectors.past_meetings(person=self.person),
                "is_the_person": self.person.user_id == request.user.pk,
            },
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        user = request.user
        if "done_action" in request.POST:
            action = selectors.action_of(
                person=self.person,
                action_id=whole_number(request.POST.get("done_action"), what="action"),
            )
            if action is None:
                raise Http404
            services.set_action_status(
                action=action,
                changed_by=user,
                status=MeetingAction.Status.DONE,
            )
            messages.success(request, f"Marked as done: {action.what}")
            return redirect("everyday:meetings", person_id=self.person.pk)
        meeting = selectors.planned_meeting(person=self.person)
        if meeting is None:
            plan_form = PlanMeetingForm(request.POST)
            if not plan_form.is_valid():
                return self.get(request, person_id, plan_form=plan_form)
            data = plan_form.cleaned_data
            try:
                services.plan_meeting(
                    person=self.person,
                    planned_by=user,
                    on=data["on"],
                    how_often=data["how_often"],
                    with_whom=data["with_whom"],
                )
            except ValidationError as error:
                plan_form.add_error(None, error.messages[0])
                return self.get(request, person_id, plan_form=plan_form)
            messages.success(request, "Your next meeting is planned.")
            return redirect("everyday:meetings", person_id=self.person.pk)
        if "change_how_often" in request.POST:
            how_often_form = HowOftenForm(request.POST)
            if not how_often_form.is_valid():
                return self.get(request, person_id, how_often_form=how_often_form)
            services.change_how_often(
                meeting=meeting,
                changed_by=user,
                how_often=how_often_form.cleaned_data["how_often"],
            )
            messages.success(
                request, f"Saved. You will meet {meeting.get_how_often_display().lower()}."
            )
            return redirect("everyday:meetings", person_id=self.person.pk)
        agenda_form = AgendaItemForm(request.POST)
        if not agenda_form.is_valid():
            return self.get(request, person_id, agenda_form=agenda_form)
        services.add_agenda_item(
            meeting=meeting,
            added_by=user,
            text=agenda_form.cleaned_data["text"],
        )
        messages.success(request, "Added to the meeting.")
        return redirect("everyday:meetings", person_id=self.person.pk)


class MeetingView(PersonPageView):
    """Writing the record of one meeting with the person, and agreeing actions."""

    policy_rule = "everyday.write_meeting"
    audit_page = "A meeting record"

    def _meeting(self) -> Meeting:
        found = selectors.meeting_of(person=self.person, meeting_id=self.kwargs["meeting_id"])
        if found is None:
            raise Http404
        return found

    def _who_may(self) -> list[tuple[str, str]]:
        who_may = selectors.who_may_do_actions(person=self.person, viewer=self.request.user)
        return [(str(w.user.pk), w.label) for w in who_may]

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        meeting_id: int,
        notes_form: MeetingNotesForm | None = None,
        action_form: MeetingActionForm | None = None,
        conflict: Any = None,
    ) -> HttpResponse:
        meeting = self._meeting()
        if notes_form is None:
            notes = meeting.notes or selectors.meeting_notes_to_start_with(
                meeting=meeting, viewer=request.user
            )
            notes_form = MeetingNotesForm(initial={"notes": notes, "version": meeting.version})
        # The same page speaks to the person as "you", and to staff about them by name.
        if request.user.pk == self.person.user_id:
            notes_form.fields["notes"].help_text = "Write this together, in your own words."
        else:
            notes_form.fields[
                "notes"
            ].help_text = f"Write this with {self.person.preferred_name}, in their words."
        return render(
            request,
            "everyday/meeting.html",
            {
                "person": self.person,
                "meeting": meeting,
                "notes_form": notes_form,
                "action_form": action_form or MeetingActionForm(who_may=self._who_may()),
                "conflict": conflict,
            },
        )

    def post(
        self, request: AuthenticatedHttpRequest, person_id: int, meeting_id: int
    ) -> HttpResponse:
        meeting = self._meeting()
        user = request.user
        if "add_action" in request.POST:
            who_may = selectors.who_may_do_actions(person=self.person, viewer=user)
            owners = {str(w.user.pk): w.user for w in who_may}
            choices = [(str(w.user.pk), w.label) for w in who_may]
            action_form = MeetingActionForm(request.POST, who_may=choices)
            if not action_form.is_valid():
                return self.get(request, person_id, meeting_id, action_form=action_form)
            data = action_form.cleaned_data
            try:
                services.add_meeting_action(
                    meeting=meeting,
                    added_by=user,
                    what=data["what"],
                    who=data["who"],
                    owner=owners.get(data["owner"]),
                    by_when=data["by_when"],
                )
            except ValidationError as error:
                for field, problems in error.message_dict.items():
                    action_form.add_error(
                        field if field in action_form.fields else None, " ".join(problems)
                    )
                return self.get(request, person_id, meeting_id, action_form=action_form)
            messages.success(request, "Action added.")
            return redirect("everyday:meeting", person_id=self.person.pk, meeting_id=meeting.pk)
        notes_form = MeetingNotesForm(request.POST)
        if not notes_form.is_valid():
            return self.get(request, person_id, meeting_id, notes_form=notes_form)
        try:
            services.record_meeting(
                meeting=meeting,
                recorded_by=user,
                expected_version=notes_form.cleaned_data["version"],
                notes=notes_form.cleaned_data["notes"],
            )
        except services.MeetingConflict as conflict:
            fresh = MeetingNotesForm(
                initial={
                    "notes": notes_form.cleaned_data["notes"],
                    "version": conflict.current.version,
                }
            )
            return self.get(
                request, person_id, meeting_id, notes_form=fresh, conflict=conflict.current
            )
        messages.success(request, "The meeting notes are saved.")
        return redirect("everyday:meeting", person_id=self.person.pk, meeting_id=meeting.pk)


# --- Messages ----------------------------------------------------------------------------


class NotificationsView(PolicyView):
    policy_rule = "everyday.see_notifications"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        page = Paginator(
            messages_of(user_id=request.user.pk or 0),
            25,
        ).get_page(request.GET.get("page"))
        return render(request, "everyday/notifications.html", {"page": page})


class ResponseTimesView(PolicyView):
    policy_rule = "everyday.see_response_times"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        page = Paginator(
            selectors.response_time_services(user=request.user),
            50,
        ).get_page(request.GET.get("page"))
        return render(
            request,
            "everyday/response_times.html",
            {"page": page, "rows": selectors.response_times(services=list(page.object_list))},
        )
