"""Alongside's own set-up pages: thin views over alongside/organisations/setup.py."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from alongside.accounts.forms import EndAccountForm
from alongside.accounts.services import AccountRefused
from alongside.concurrency import EditConflict
from alongside.imports.records import RECORD_FORMS, RecordForm
from alongside.policy import standing_of
from alongside.policy.access import AuthenticatedHttpRequest, OwnOrganisationView, PolicyView

from . import selectors, setup
from .models import Organisation, Service

WORDS = {
    "services": {"one": "service", "many": "Services"},
    "staff": {"one": "staff member", "many": "Staff"},
    "supporters": {"one": "supporter", "many": "Supporters"},
    "people": {"one": "person we support", "many": "People we support"},
}


def name_of(record: Any) -> str:
    """How a page names a record: a service by its name, anyone else by theirs."""
    user = getattr(record, "user", None)
    return str(user.display_name if user is not None else record.name)


def _kind(kwargs: dict[str, Any]) -> str:
    kind = str(kwargs.get("kind", ""))
    if kind not in setup.ADMIN_KINDS:
        raise Http404
    return kind


def _page_form(kind: str, form: RecordForm, *, fixed: dict[str, str]) -> RecordForm:
    """The record's form as a page shows it: without what the page says another way."""
    for key in [*setup.NOT_ON_PAGES.get(kind, ()), *fixed]:
        form.fields.pop(key, None)
    return form


def _blank(kind: str, organisation: Organisation, data: Any = None, **kw: Any) -> RecordForm:
    return RECORD_FORMS[kind](data=data, lookups=setup.Lookups(organisation=organisation), **kw)


class SeenForm(forms.Form):
    seen = forms.CharField(widget=forms.HiddenInput, required=False)


class RecordListView(OwnOrganisationView):
    policy_rule = "organisations.set_up_records"

    def get(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
        kind = _kind(self.kwargs)
        records = selectors.records_in_order(organisation=self.organisation, kind=kind)
        page = Paginator(records, 50).get_page(request.GET.get("page"))
        return render(
            request,
            "organisations/setup_list.html",
            {"kind": kind, "words": WORDS[kind], "page": page, "organisation": self.organisation},
        )


class RecordAddView(OwnOrganisationView):
    policy_rule = "organisations.set_up_records"

    def _page(self, request: AuthenticatedHttpRequest, kind: str, form: RecordForm) -> HttpResponse:
        return render(
            request,
            "organisations/setup_record.html",
            {"kind": kind, "words": WORDS[kind], "form": form, "record": None},
            status=400 if form.errors else 200,
        )

    def get(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
        kind = _kind(self.kwargs)
        return self._page(
            request, kind, _page_form(kind, _blank(kind, self.organisation), fixed={})
        )

    def post(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
        kind = _kind(self.kwargs)
        try:
            made = setup.add_record(
                organisation=self.organisation,
                kind=kind,
                data=request.POST.dict(),
                by=request.user,
            )
        except setup.RecordRefused as refused:
            return self._page(request, kind, _page_form(kind, refused.form, fixed={}))
        invited = " and sent an invitation" if kind in ("staff", "supporters") else ""
        messages.success(request, f"{name_of(made)} is added{invited}.")
        return redirect("organisations:setup-list", kind=kind)


class RecordView(PolicyView):
    """A record of the admin's own organisation; any other is not there (404)."""

    policy_rule = "organisations.change_record"

    def get_policy_object(self) -> Any:
        self.kind = _kind(self.kwargs)
        organisation_id = standing_of(self.request.user).staff_organisation_id
        organisation = selectors.organisation_by_id(organisation_id=organisation_id)
        if organisation is None:
            raise Http404
        self.organisation = organisation
        record = selectors.record_of(
            organisation=organisation, kind=self.kind, record_id=self.kwargs["pk"]
        )
        if record is None:
            raise Http404
        return record


class RecordEditView(RecordView):
    def _page(
        self, request: AuthenticatedHttpRequest, form: RecordForm, seen: str, conflict: bool = False
    ) -> HttpResponse:
        record = self.policy_object
        fixed = setup._fixed(self.kind, record)
        return render(
            request,
            "organisations/setup_record.html",
            {
                "kind": self.kind,
                "words": WORDS[self.kind],
                "form": _page_form(self.kind, form, fixed=fixed),
                "fixed": [
                    (c.header.capitalize(), fixed[c.key])
                    for c in RECORD_FORMS[self.kind].columns
                    if c.key in fixed and c.key not in setup.NOT_ON_PAGES.get(self.kind, ())
                ],
                "record": record,
                "seen": SeenForm(initial={"seen": seen})["seen"],
                "conflict": conflict,
                "conflict_saved": [
                    (c.header.capitalize(), setup.form_data(kind=self.kind, record=record)[c.key])
                    for c in RECORD_FORMS[self.kind].columns
                ]
                if conflict
                else [],
                "conflict_message": EditConflict.message,
            },
            status=409 if conflict else 400 if form.errors else 200,
        )

    def get(self, request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
        record = self.policy_object
        form = _blank(
            self.kind, self.organisation, initial=setup.form_data(kind=self.kind, record=record)
        )
        return self._page(request, form, setup.fingerprint(kind=self.kind, record=record))

    def post(self, request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
        try:
            setup.change_record(
                organisation=self.organisation,
                kind=self.kind,
                record=self.policy_object,
                data=request.POST.dict(),
                seen=request.POST.get("seen", ""),
                by=request.user,
            )
        except setup.RecordRefused as refused:
            return self._page(request, refused.form, request.POST.get("seen", ""))
        except EditConflict as conflict:
            # Their words stay on the page; the new fingerprint lets them save on top.
            self.policy_object = conflict.current
            form = _blank(self.kind, self.organisation, data=request.POST)
            return self._page(
                request,
                form,
                setup.fingerprint(kind=self.kind, record=conflict.current),
                conflict=True,
            )
        messages.success(request, f"{name_of(self.policy_object)} is changed.")
        return redirect("organisations:setup-list", kind=self.kind)


class RecordEndView(RecordView):
    def _page(
        self, request: AuthenticatedHttpRequest, form: Any, problem: str = ""
    ) -> HttpResponse:
        return render(
            request,
            "organisations/setup_end.html",
            {
                "kind": self.kind,
                "words": WORDS[self.kind],
                "record": self.policy_object,
                "form": form,
                "problem": problem,
            },
            status=400 if (problem or (form is not None and form.errors)) else 200,
        )

    def get(self, request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
        return self._page(request, EndAccountForm() if self.kind == "staff" else None)

    def post(self, request: AuthenticatedHttpRequest, kind: str, pk: int) -> HttpResponse:
        form = EndAccountForm(request.POST) if self.kind == "staff" else None
        if form is not None and not form.is_valid():
            return self._page(request, form)
        try:
            setup.end_record(
                kind=self.kind,
                record=self.policy_object,
                by=request.user,
                reason=form.cleaned_data["reason"] if form is not None else "",
            )
        except (setup.EndRefused, AccountRefused) as refused:
            return self._page(request, form, str(refused))
        messages.success(request, f"{name_of(self.policy_object)} is ended.")
        return redirect("organisations:setup-list", kind=self.kind)


class PersonAddView(PolicyView):
    """A service manager adds a person we support to a service they manage."""

    policy_rule = "people.add_person"

    def get_policy_object(self) -> Service:
        service = selectors.service_with_organisation(service_id=self.kwargs["service_id"])
        if service is None:
            raise Http404
        return service

    def _page(self, request: AuthenticatedHttpRequest, form: RecordForm) -> HttpResponse:
        return render(
            request,
            "organisations/setup_person.html",
            {
                "service": self.policy_object,
                "form": _page_form("people", form, fixed={}),
            },
            status=400 if form.errors else 200,
        )

    def get(self, request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
        return self._page(request, _blank("people", self.policy_object.organisation))

    def post(self, request: AuthenticatedHttpRequest, service_id: int) -> HttpResponse:
        try:
            person = setup.add_person(
                service=self.policy_object,
                data=request.POST.dict(),
                by=request.user,
            )
        except setup.RecordRefused as refused:
            return self._page(request, refused.form)
        messages.success(
            request,
            f"{person.preferred_name} is added. Fill in About me with them and their team.",
        )
        return redirect("people:about-me", person_id=person.pk)
