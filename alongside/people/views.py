"""Pages about one person. Each fetches through the user's scope and asks the policy."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.accounts import services as account_services
from alongside.audit import selectors as audit_selectors
from alongside.audit.selectors import ANYONE
from alongside.concurrency import EditConflict
from alongside.downloads.selectors import kept_downloads
from alongside.policy import PersonPart, visible_parts
from alongside.policy.access import AuthenticatedHttpRequest, PersonPageView, PersonPartPageView

from . import about_me, selectors, services
from .forms import (
    AboutMeSectionForm,
    AnswerForm,
    PersonDetailsForm,
    PlanForm,
    ProposalForm,
    SharingForm,
    SupporterScopesForm,
    WhoLookedFilterForm,
)
from .models import PLAN_FIELDS
from .selectors import my_team
from .sharing import ABOUT_ME_PARTS, Audience, Part, SupporterScope


class PersonRecordView(PersonPageView):
    audit_page = "Your record"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        parts = visible_parts(request.user, self.person)
        return render(
            request,
            "people/record.html",
            {
                "person": self.person,
                "parts": parts,
                "about_me": selectors.about_me_for(person=self.person, viewer=request.user),
                "team": my_team(person=self.person) if Part.MY_TEAM in parts else None,
                "more": selectors.record_links(person=self.person, viewer=request.user),
            },
        )


class PersonDetailsEditView(PersonPageView):
    policy_rule = "people.change_details"
    audit_page = "Change your details"

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        form: PersonDetailsForm | None = None,
        conflict: object = None,
    ) -> HttpResponse:
        person = self.person
        form = form or PersonDetailsForm(
            initial={
                "preferred_name": person.preferred_name,
                "pronouns": person.pronouns,
                "version": person.version,
            }
        )
        return render(
            request,
            "people/details_edit.html",
            {"person": person, "form": form, "conflict": conflict},
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        form = PersonDetailsForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        data = form.cleaned_data
        try:
            services.update_person_details(
                person=self.person,
                changed_by=request.user,
                expected_version=data["version"],
                preferred_name=data["preferred_name"],
                pronouns=data["pronouns"],
            )
        except EditConflict as conflict:
            # Keep what this person typed; show the newer saved words beside it.
            fresh = PersonDetailsForm(initial={**data, "version": conflict.current.version})
            return self.get(request, person_id, form=fresh, conflict=conflict.current)
        messages.success(request, "Saved.")
        return redirect("people:record", person_id=person_id)


class SharingView(PersonPageView):
    policy_rule = "people.change_sharing"

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        form: SharingForm | None = None,
        conflict: bool = False,
    ) -> HttpResponse:
        form = form or SharingForm(person=self.person, initial={"version": self.person.version})
        return render(
            request,
            "people/sharing.html",
            {
                "person": self.person,
                "form": form,
                "conflict": conflict,
                "audiences": Audience,
                "parts": Part,
            },
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        form = SharingForm(request.POST, person=self.person)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        try:
            services.update_sharing(
                person=self.person,
                changed_by=request.user,
                expected_version=form.cleaned_data["version"],
                sharing=form.sharing(),
            )
        except EditConflict as conflict:
            fresh = SharingForm(
                person=conflict.current,
                initial={**form.sharing(), "version": conflict.current.version},
            )
            return self.get(request, person_id, form=fresh, conflict=True)
        messages.success(request, "Saved. Only the people you chose can see each part.")
        return redirect("people:sharing", person_id=person_id)


class SupportersView(PersonPageView):
    policy_rule = "people.manage_supporters"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        return render(
            request,
            "people/supporters.html",
            {
                "person": self.person,
                "supporters": selectors.supporters_with_users(person=self.person),
                "scope_labels": dict(SupporterScope.choices),
            },
        )


class SupporterEditView(PersonPageView):
    policy_rule = "people.manage_supporters"

    def _supporter(self):
        supporter = selectors.supporter_of(
            person=self.person, supporter_id=self.kwargs["supporter_id"]
        )
        if supporter is None:
            raise Http404
        return supporter

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        supporter_id: int,
        form: SupporterScopesForm | None = None,
    ) -> HttpResponse:
        supporter = self._supporter()
        form = form or SupporterScopesForm(
            initial={
                "scopes": supporter.scopes,
                "still_helping": "yes" if supporter.is_active else "no",
            }
        )
        return render(
            request,
            "people/supporter_edit.html",
            {"person": self.person, "supporter": supporter, "form": form},
        )

    def post(
        self, request: AuthenticatedHttpRequest, person_id: int, supporter_id: int
    ) -> HttpResponse:
        supporter = self._supporter()
        form = SupporterScopesForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, supporter_id, form=form)
        services.set_supporter_scopes(
            supporter=supporter,
            changed_by=request.user,
            scopes=form.cleaned_data["scopes"],
            is_active=form.cleaned_data["still_helping"],
        )
        messages.success(request, f"Saved what {supporter.user} can do.")
        return redirect("people:supporters", person_id=person_id)


class WhoLookedView(PersonPageView):
    """Who has looked, one line per who, per page, per hour, paged back to the very first
    view; filtered by who and by month, with who looked how often at the top. The same
    queries on page 1 as on page 100."""

    policy_rule = "people.see_who_looked"
    audit_page = "Who has looked at your information"
    per_page = 50

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        person = self.person
        by_month = audit_selectors.views_by_month(person=person)
        everyone = audit_selectors.looked_by(by_month)
        form = WhoLookedFilterForm(
            request.GET if ("who" in request.GET or "month" in request.GET) else None,
            viewers=everyone,
            months=audit_selectors.months_with_views(by_month),
        )
        # Bad input changes nothing: the message says what is wrong, the list is unfiltered.
        viewer_id, month = (
            (form.chosen_viewer(), form.chosen_month()) if form.is_bound else (ANYONE, None)
        )
        summary = audit_selectors.looked_by(by_month, month=month) if month else everyone
        if viewer_id is not ANYONE:
            summary = [s for s in summary if s.viewer_id == viewer_id]
        lines = Paginator(
            audit_selectors.views_by_hour(person=person, viewer_id=viewer_id, month=month),
            self.per_page,
        ).get_page(request.GET.get("page"))
        query = urlencode(
            {
                k: v
                for k, v in (form.cleaned_data.items() if form.is_bound and form.is_valid() else [])
                if v
            }
        )
        return render(
            request,
            "people/who_looked.html",
            {
                "person": person,
                "is_the_person": request.user.pk == person.user_id,
                "form": form,
                "summary": summary,
                "lines": lines,
                "query": query,
                "month": month,
                "changes": selectors.changes_shown_to(person=person, viewer=request.user),
            },
        )


class SignInLinkIssueView(PersonPageView):
    """A service manager makes a single-use sign-in link for the person."""

    policy_rule = "people.issue_sign_in_link"
    audit_page = "Make a sign-in link"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        return render(request, "people/sign_in_link.html", {"person": self.person})

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        if self.person.user is None:
            messages.error(request, f"{self.person} does not have their own sign-in yet.")
            return redirect("people:sign-in-link", person_id=person_id)
        token = account_services.issue_sign_in_link(
            for_user=self.person.user,
            issued_by=request.user,
        )
        link = request.build_absolute_uri(reverse("accounts:sign-in-link", args=[token]))
        return render(request, "people/sign_in_link.html", {"person": self.person, "link": link})


# --- About me ---------------------------------------------------------------------------


def _part_or_404(part: str, allowed: Sequence[str]) -> str:
    if part not in allowed:
        raise Http404
    return part


class AboutMeView(PersonPageView):
    audit_page = "About me"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        return render(
            request,
            "people/about_me.html",
            {
                "person": self.person,
                "sections": selectors.about_me_for(person=self.person, viewer=request.user),
                "tasks": selectors.about_me_tasks(person=self.person, viewer=request.user),
                "waiting": selectors.waiting_about_me_proposals(person=self.person),
            },
        )


class AboutMeSectionEditView(PersonPartPageView):
    """The person (or a supporter they allow) writes one section in their own words."""

    policy_rule = "people.change_about_me"
    audit_page = "Write About me"

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        part: str,
        form: AboutMeSectionForm | None = None,
        conflict: object = None,
    ) -> HttpResponse:
        _part_or_404(part, ABOUT_ME_PARTS)
        section = about_me.section_for(person=self.person, part=part)
        form = form or AboutMeSectionForm(
            initial={"text": section.text, "version": section.version}
        )
        return render(
            request,
            "people/about_me_edit.html",
            {
                "person": self.person,
                "part": part,
                "label": Part(part).label,
                "prompt": selectors.PROMPT_FOR_PART[Part(part)],
                "picture": selectors.PICTURE_FOR_PART[Part(part)],
                "form": form,
                "conflict": conflict,
            },
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int, part: str) -> HttpResponse:
        _part_or_404(part, ABOUT_ME_PARTS)
        form = AboutMeSectionForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, part, form=form)
        try:
            about_me.write_about_me_section(
                person=self.person,
                part=part,
                text=form.cleaned_data["text"],
                written_by=request.user,
                expected_version=form.cleaned_data["version"],
            )
        except about_me.SectionConflict as conflict:
            # Keep the writer's words in the box; show the newer saved words beside them.
            fresh = AboutMeSectionForm(
                initial={"text": form.cleaned_data["text"], "version": conflict.current.version}
            )
            return self.get(request, person_id, part, form=fresh, conflict=conflict.current)
        messages.success(request, f"Saved “{Part(part).label}”.")
        return redirect("people:about-me", person_id=person_id)


class AboutMeProposeView(PersonPageView):
    """Staff suggest new words for one section; the person decides."""

    policy_rule = "people.propose_change"
    audit_page = "Suggest a change to About me"

    def _check_part(self, part: str) -> None:
        _part_or_404(part, ABOUT_ME_PARTS)
        if part not in visible_parts(self.request.user, self.person):
            raise Http404

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        part: str,
        form: ProposalForm | None = None,
    ) -> HttpResponse:
        self._check_part(part)
        section = about_me.section_for(person=self.person, part=part)
        form = form or ProposalForm(initial={"proposed_text": section.text})
        return render(
            request,
            "people/about_me_propose.html",
            {"person": self.person, "label": Part(part).label, "section": section, "form": form},
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int, part: str) -> HttpResponse:
        self._check_part(part)
        form = ProposalForm(request.POST)
        if form.is_valid():
            try:
                about_me.propose_about_me_change(
                    person=self.person,
                    part=part,
                    text=form.cleaned_data["proposed_text"],
                    note=form.cleaned_data["note"],
                    proposed_by=request.user,
                )
            except ValidationError as error:
                form.add_error("proposed_text", " ".join(error.messages))
            else:
                messages.success(
                    request, f"Suggestion sent. {self.person.preferred_name} will say yes or no."
                )
                return redirect("people:record", person_id=person_id)
        return self.get(request, person_id, part, form=form)


class ProposalsView(PersonPageView):
    """Suggestions waiting for the person's answer, and the answers given before."""

    policy_rule = "people.see_proposals"
    audit_page = "Suggested changes"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        waiting = []
        sections = selectors.about_me_by_part(person=self.person)
        current = selectors.current_plan(person=self.person)
        # Only suggestions about parts this user may answer: the words are the part's words.
        for proposal in selectors.proposals_for(person=self.person, viewer=request.user):
            if proposal.part == Part.PLAN and proposal.plan_version:
                changes = selectors.plan_changes(current, proposal.plan_version)
            else:
                before = sections[proposal.part].text if proposal.part in sections else ""
                changes = [("", selectors.word_changes(before, proposal.proposed_text))]
            waiting.append((proposal, changes))
        answered = selectors.proposals_for(person=self.person, viewer=request.user, answered=True)[
            :50
        ]
        return render(
            request,
            "people/proposals.html",
            {"person": self.person, "waiting": waiting, "answered": answered},
        )


class ProposalAnswerView(PersonPageView):
    policy_rule = "people.see_proposals"

    def post(
        self, request: AuthenticatedHttpRequest, person_id: int, proposal_id: int
    ) -> HttpResponse:
        proposal = selectors.proposal_of(person=self.person, proposal_id=proposal_id)
        if proposal is None:
            raise Http404
        rule = (
            "people.answer_plan_proposal"
            if proposal.part == Part.PLAN
            else "people.answer_about_me_proposal"
        )
        part: Any = PersonPart(self.person, proposal.part)
        if not request.user.has_perm(rule, part):
            raise Http404
        form = AnswerForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Choose yes or no.")
            return redirect("people:proposals", person_id=person_id)
        try:
            about_me.answer_proposal(
                proposal=proposal,
                answered_by=request.user,
                accept=form.cleaned_data["answer"] == "yes",
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("people:proposals", person_id=person_id)
        messages.success(
            request,
            "You said yes. It is changed."
            if form.cleaned_data["answer"] == "yes"
            else "You said no. Nothing changed.",
        )
        return redirect("people:proposals", person_id=person_id)


class AboutMeHistoryView(PersonPageView):
    policy_rule = "people.see_about_me_history"
    audit_page = "Earlier versions of About me"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        versions = selectors.about_me_history(person=self.person, viewer=request.user)
        compare = None
        try:
            first, second = int(request.GET.get("from", "")), int(request.GET.get("to", ""))
        except ValueError:
            first = second = 0
        if first and second:
            by_id = {v.history_id: v for v in versions}
            if first in by_id and second in by_id and by_id[first].part == by_id[second].part:
                older, newer = sorted([by_id[first], by_id[second]], key=lambda v: v.when)
                compare = (older, newer, selectors.word_changes(older.text, newer.text))
        return render(
            request,
            "people/about_me_history.html",
            {"person": self.person, "versions": versions, "compare": compare},
        )


# --- The support plan -------------------------------------------------------------------


class PlanView(PersonPageView):
    audit_page = "Support plan"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        if Part.PLAN not in visible_parts(request.user, self.person):
            return render(request, "people/plan.html", {"person": self.person, "hidden": True})
        return render(
            request,
            "people/plan.html",
            {
                "person": self.person,
                # Links to the plan's versions and suggestions ask the rule of the plan itself.
                "plan_part": PersonPart(self.person, Part.PLAN),
                "plan": selectors.current_plan(person=self.person),
                "waiting": selectors.waiting_plan_proposals(person=self.person),
                "versions": selectors.plan_versions(person=self.person)[:20],
            },
        )


class PlanEditView(PersonPageView):
    """The person writes their plan (it is agreed at once); staff filling in the same form
    make a suggestion that waits for the person's answer."""

    policy_rule = "people.see_record"
    audit_page = "Write the support plan"

    def _mode(self) -> str:
        user = self.request.user
        if user.has_perm("people.change_plan", self.person):
            return "write"
        if user.has_perm("people.propose_change", self.person) and Part.PLAN in visible_parts(
            user, self.person
        ):
            return "suggest"
        raise Http404

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        form: PlanForm | None = None,
        conflict: bool = False,
    ) -> HttpResponse:
        mode = self._mode()
        current = selectors.current_plan(person=self.person)
        if form is None:
            initial: dict[str, object] = {"current_id": current.pk if current else None}
            if current:
                initial.update({name: getattr(current, name) for name in PLAN_FIELDS})
                initial["review_date"] = current.review_date
            form = PlanForm(initial=initial)
        return render(
            request,
            "people/plan_edit.html",
            {"person": self.person, "form": form, "mode": mode, "conflict": conflict},
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        mode = self._mode()
        form = PlanForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        try:
            if mode == "write":
                about_me.write_plan(
                    person=self.person,
                    written_by=request.user,
                    expected_current_id=form.cleaned_data["current_id"],
                    **form.texts(),
                )
                messages.success(request, "Your plan is saved. This is your plan now.")
            else:
                about_me.propose_plan_change(
                    person=self.person,
                    proposed_by=request.user,
                    note=form.cleaned_data["note"],
                    **form.texts(),
                )
                messages.success(
                    request, f"Suggestion sent. {self.person.preferred_name} will say yes or no."
                )
        except about_me.PlanConflict as conflict:
            data = {
                **form.cleaned_data,
                "current_id": conflict.current.pk if conflict.current else None,
            }
            return self.get(request, person_id, form=PlanForm(initial=data), conflict=True)
        except ValidationError as error:
            for message in error.messages:
                form.add_error(None, message)
            return self.get(request, person_id, form=form)
        return redirect("people:plan", person_id=person_id)


class PlanHistoryView(PersonPartPageView):
    policy_rule = "people.see_history"
    audit_page = "Earlier versions of the support plan"
    policy_part = Part.PLAN

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        versions = list(selectors.plan_versions(person=self.person))
        rows = []
        for index, version in enumerate(versions):
            earlier = versions[index + 1] if index + 1 < len(versions) else None
            rows.append((version, selectors.plan_changes(earlier, version)))
        return render(request, "people/plan_history.html", {"person": self.person, "rows": rows})


# --- Download my information ------------------------------------------------------------


class DownloadView(PersonPageView):
    policy_rule = "people.download"
    audit_page = "Download your information"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        return render(
            request,
            "people/download.html",
            {
                "person": self.person,
                "kept": kept_downloads(person=self.person, asked_by=request.user)[:5],
                "is_the_person": request.user.pk == self.person.user_id,
            },
        )
