"""Pages about one person. Each fetches through the user's scope and asks the policy."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.accounts import services as account_services
from alongside.audit import selectors as audit_selectors
from alongside.policy import visible_parts
from alongside.web.access import PersonPageView
from alongside.web.selectors import my_team

from . import services
from .forms import PersonDetailsForm, SharingForm, SupporterScopesForm
from .sharing import Audience, Part, SupporterScope


class PersonRecordView(PersonPageView):
    audit_page = "Their record"

    def get(self, request: HttpRequest, person_id: int) -> HttpResponse:
        parts = visible_parts(request.user, self.person)
        return render(
            request,
            "people/record.html",
            {
                "person": self.person,
                "parts": parts,
                "team": my_team(person=self.person) if Part.MY_TEAM in parts else None,
            },
        )


class PersonDetailsEditView(PersonPageView):
    policy_rule = "people.change_details"
    audit_page = "Change their details"

    def get(
        self,
        request: HttpRequest,
        person_id: int,
        form: PersonDetailsForm | None = None,
        conflict: object = None,
    ) -> HttpResponse:
        person = self.person
        form = form or PersonDetailsForm(
            initial={
                "preferred_name": person.preferred_name,
                "pronouns": person.pronouns,
                "what_matters_to_me": person.what_matters_to_me,
                "version": person.version,
            }
        )
        return render(
            request,
            "people/details_edit.html",
            {"person": person, "form": form, "conflict": conflict},
        )

    def post(self, request: HttpRequest, person_id: int) -> HttpResponse:
        form = PersonDetailsForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        data = form.cleaned_data
        try:
            services.update_person_details(
                person=self.person,
                changed_by=request.user,  # type: ignore[arg-type]
                expected_version=data["version"],
                preferred_name=data["preferred_name"],
                pronouns=data["pronouns"],
                what_matters_to_me=data["what_matters_to_me"],
            )
        except services.EditConflict as conflict:
            # Keep what this person typed; show the newer saved words beside it.
            fresh = PersonDetailsForm(initial={**data, "version": conflict.current.version})
            return self.get(request, person_id, form=fresh, conflict=conflict.current)
        messages.success(request, "Saved.")
        return redirect("people:record", person_id=person_id)


class SharingView(PersonPageView):
    policy_rule = "people.change_sharing"

    def get(
        self,
        request: HttpRequest,
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

    def post(self, request: HttpRequest, person_id: int) -> HttpResponse:
        form = SharingForm(request.POST, person=self.person)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        try:
            services.update_sharing(
                person=self.person,
                changed_by=request.user,  # type: ignore[arg-type]
                expected_version=form.cleaned_data["version"],
                sharing=form.sharing(),
            )
        except services.EditConflict as conflict:
            fresh = SharingForm(
                person=conflict.current,
                initial={**form.sharing(), "version": conflict.current.version},
            )
            return self.get(request, person_id, form=fresh, conflict=True)
        messages.success(request, "Saved. Only the people you chose can see each part.")
        return redirect("people:sharing", person_id=person_id)


class SupportersView(PersonPageView):
    policy_rule = "people.manage_supporters"

    def get(self, request: HttpRequest, person_id: int) -> HttpResponse:
        return render(
            request,
            "people/supporters.html",
            {
                "person": self.person,
                "supporters": self.person.supporters.select_related("user"),
                "scope_labels": dict(SupporterScope.choices),
            },
        )


class SupporterEditView(PersonPageView):
    policy_rule = "people.manage_supporters"

    def _supporter(self):  # type: ignore[no-untyped-def]
        supporter = (
            self.person.supporters.select_related("user")
            .filter(pk=self.kwargs["supporter_id"])
            .first()
        )
        if supporter is None:
            raise Http404
        return supporter

    def get(
        self,
        request: HttpRequest,
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

    def post(self, request: HttpRequest, person_id: int, supporter_id: int) -> HttpResponse:
        supporter = self._supporter()
        form = SupporterScopesForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, supporter_id, form=form)
        services.set_supporter_scopes(
            supporter=supporter,
            changed_by=request.user,  # type: ignore[arg-type]
            scopes=form.cleaned_data["scopes"],
            is_active=form.cleaned_data["still_helping"],
        )
        messages.success(request, f"Saved what {supporter.user} can do.")
        return redirect("people:supporters", person_id=person_id)


class WhoLookedView(PersonPageView):
    policy_rule = "people.see_who_looked"

    def get(self, request: HttpRequest, person_id: int) -> HttpResponse:
        return render(
            request,
            "people/who_looked.html",
            {
                "person": self.person,
                "views": audit_selectors.views_of_person(person=self.person),
                "changes": audit_selectors.changes_to_person(person=self.person),
            },
        )


class SignInLinkIssueView(PersonPageView):
    """A service manager makes a single-use sign-in link for the person."""

    policy_rule = "people.issue_sign_in_link"

    def get(self, request: HttpRequest, person_id: int) -> HttpResponse:
        return render(request, "people/sign_in_link.html", {"person": self.person})

    def post(self, request: HttpRequest, person_id: int) -> HttpResponse:
        if self.person.user is None:
            messages.error(request, f"{self.person} does not have their own sign-in yet.")
            return redirect("people:sign-in-link", person_id=person_id)
        token = account_services.issue_sign_in_link(
            for_user=self.person.user,
            issued_by=request.user,  # type: ignore[arg-type]
        )
        link = request.build_absolute_uri(reverse("accounts:sign-in-link", args=[token]))
        return render(request, "people/sign_in_link.html", {"person": self.person, "link": link})
