"""The person's record as FHIR: their download, and bringing a record in."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from alongside.policy.access import AuthenticatedHttpRequest, PersonPageView

from . import bring_in
from .export import record_bundle_json
from .forms import AgreeForm, BundleUploadForm


class FhirDownloadView(PersonPageView):
    """ "Download everything" as FHIR: what the person (or a supporter they allow) may see."""

    policy_rule = "people.download"
    audit_page = "Downloaded as FHIR"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        response = HttpResponse(
            record_bundle_json(person=self.person, viewer=request.user),
            content_type="application/fhir+json; charset=utf-8",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="my-information-{person_id}.fhir.json"'
        )
        return response


class BringInView(PersonPageView):
    """Upload a FHIR Bundle, see what it will fill in, and bring it in when the person says
    yes. The person's own upload writes at once; a manager's becomes suggestions."""

    policy_rule = "fhir.bring_in_record"
    audit_page = "Bring in a record from another provider"

    def _is_the_person(self) -> bool:
        return self.request.user.pk == self.person.user_id

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        return self._upload_page(BundleUploadForm())

    def _upload_page(self, form: BundleUploadForm) -> HttpResponse:
        return render(
            self.request,
            "fhir/bring_in.html",
            {"person": self.person, "form": form, "is_the_person": self._is_the_person()},
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        if "bundle" in request.POST:
            return self._agree(request)
        form = BundleUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self._upload_page(form)
        raw: bytes = form.cleaned_data["bundle_file"]
        try:
            found = bring_in.read_for_person(raw, person=self.person)
        except bring_in.BundleRefused as refused:
            form.add_error("bundle_file", refused.message)
            return self._upload_page(form)
        agree = AgreeForm(initial={"bundle": raw.decode("utf-8")})
        return self._check_page(found, agree)

    def _refused(self, message: str) -> HttpResponse:
        # The answer came back with a record that is not right: the upload page again,
        # saying why, with the file to choose again.
        form = BundleUploadForm(data={})
        form.is_valid()
        form.errors["bundle_file"] = form.error_class([message])
        return self._upload_page(form)

    def _check_page(self, found: bring_in.Incoming, agree: AgreeForm) -> HttpResponse:
        return render(
            self.request,
            "fhir/bring_in_check.html",
            {
                "person": self.person,
                "lines": bring_in.what_it_fills_in(person=self.person, found=found),
                "form": agree,
                "is_the_person": self._is_the_person(),
            },
        )

    def _agree(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        agree = AgreeForm(request.POST)
        if not agree.is_valid():
            return self._refused("The record was not sent with your answer. Choose the file again")
        try:
            found = bring_in.read_for_person(agree.cleaned_data["bundle"], person=self.person)
        except bring_in.BundleRefused as refused:
            return self._refused(refused.message)
        if not self._is_the_person() and not agree.cleaned_data["with_the_person"]:
            agree.add_error(
                "with_the_person",
                f"Say that {self.person.preferred_name} is with you and wants this brought in",
            )
            return self._check_page(found, agree)
        done = bring_in.bring_in(person=self.person, found=found, by=request.user)
        if self._is_the_person():
            messages.success(request, "Your About me and plan are filled in.")
            return redirect("people:about-me", person_id=self.person.pk)
        name = self.person.preferred_name
        sent = "1 suggestion" if done.suggested == 1 else f"{done.suggested} suggestions"
        messages.success(
            request,
            f"Sent {sent} to {name}. {name} says yes or no to each on their suggestions "
            "page: nothing changes until they do.",
        )
        return redirect("people:record", person_id=self.person.pk)
