"""Asking for the person's download, waiting for it, and fetching it.

Each page asks the policy: "people.download" to ask, "downloads.see" for the waiting page
(the asker, while they still may download), "downloads.fetch" for the files, checked again
at the moment they are fetched.
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from alongside.policy import kept_download_refusal
from alongside.policy.access import (
    AuthenticatedHttpRequest,
    PersonPageView,
    PolicyView,
    fetch_person,
)

from . import selectors, services
from .models import KeptDownload


class AskView(PersonPageView):
    """The button "Make my download". Asking twice while one is made gives the same one."""

    policy_rule = "people.download"
    audit_page = "Asked for a download of your information"
    http_method_names = ["post"]

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        kept = services.ask_for_download(person=self.person, asked_by=request.user)
        return redirect("downloads:status", person_id=person_id, download_id=kept.pk)


class _KeptDownloadView(PolicyView):
    policy_rule = "downloads.see"

    def get_policy_object(self) -> KeptDownload:
        person = fetch_person(self.request.user, self.kwargs["person_id"])
        kept = selectors.kept_download(person=person, download_id=self.kwargs["download_id"])
        if kept is None:
            raise Http404
        return kept

    @property
    def kept(self) -> KeptDownload:
        return self.policy_object


class StatusView(_KeptDownloadView):
    """Says in plain words that the download is being made, and when it is ready."""

    audit_page = "Your download"

    def get(
        self, request: AuthenticatedHttpRequest, person_id: int, download_id: int
    ) -> HttpResponse:
        kept = self.kept
        refusal = ""
        if kept.status == KeptDownload.Status.READY:
            refusal = kept_download_refusal(request.user, kept, now=timezone.now())
        return render(
            request,
            "downloads/status.html",
            {
                "person": kept.person,
                "kept": kept,
                "refusal": refusal,
                "is_the_person": request.user.pk == kept.person.user_id,
            },
        )


class _FileView(_KeptDownloadView):
    kind = ""
    content_type = ""

    def get(
        self, request: AuthenticatedHttpRequest, person_id: int, download_id: int
    ) -> HttpResponse:
        kept = self.kept
        # Asked again now, not only when it was made: sharing may have changed since.
        if not request.user.has_perm("downloads.fetch", kept):
            reason = kept_download_refusal(request.user, kept, now=timezone.now())
            return render(
                request,
                "downloads/refused.html",
                {"person": kept.person, "reason": reason},
                status=410 if kept.status == KeptDownload.Status.READY else 409,
            )
        response = HttpResponse(
            selectors.file_of(kept=kept, kind=self.kind), content_type=self.content_type
        )
        name = f"my-information-{person_id}-{kept.asked_at:%Y-%m-%d}.{self.kind}"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class PdfView(_FileView):
    audit_page = "Downloaded as PDF"
    kind = "pdf"
    content_type = "application/pdf"


class JsonView(_FileView):
    audit_page = "Downloaded as JSON"
    kind = "json"
    content_type = "application/json; charset=utf-8"
