"""Pages of "Bring in your records". Thin: each names a rule; the work is in services.py."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.csv_files import csv_response
from alongside.policy.access import AuthenticatedHttpRequest, OwnOrganisationView, PolicyView

from . import selectors, services
from .forms import KIND_HINTS, UploadForm
from .importer import export_rows, guide_columns, max_bytes, template_rows
from .models import ImportRun

RECENT_RUNS = 10


def _kind(kind: str) -> str:
    if kind not in ImportRun.Kind.values:
        raise Http404
    return kind


def _kinds() -> list[dict[str, str]]:
    return [
        {"value": value, "label": label, "hint": KIND_HINTS[value]}
        for value, label in ImportRun.Kind.choices
    ]


class BringInView(OwnOrganisationView):
    """The start: templates and guides for each file, the upload, and earlier files."""

    policy_rule = "imports.bring_in_records"

    def get(
        self, request: AuthenticatedHttpRequest, form: UploadForm | None = None
    ) -> HttpResponse:
        return render(
            request,
            "imports/bring_in.html",
            {
                "organisation": self.organisation,
                "form": form or UploadForm(),
                "kinds": _kinds(),
                "max_mb": max_bytes() // 1024 // 1024,
                "runs": selectors.recent_runs(organisation=self.organisation, limit=RECENT_RUNS),
            },
        )

    def post(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        form = UploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.get(request, form=form)
        upload = form.cleaned_data["file"]
        # Never more than the limit is read: a bigger file is refused by its size.
        data = upload.read(max_bytes() + 1)
        run = services.check_upload(
            organisation=self.organisation,
            kind=form.cleaned_data["kind"],
            file_name=upload.name or "file.csv",
            data=data,
            size=upload.size,
            by=request.user,
        )
        return redirect("imports:run", run_id=run.pk)


class TemplateView(OwnOrganisationView):
    policy_rule = "imports.bring_in_records"

    def get(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
        return csv_response(
            template_rows(_kind(kind)), filename=f"alongside-{kind}-template.csv", bom=True
        )


class ExportView(OwnOrganisationView):
    """The organisation's records of one kind, as a file to correct and bring in again."""

    policy_rule = "imports.bring_in_records"

    def get(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
        rows = export_rows(organisation=self.organisation, kind=_kind(kind))
        return csv_response(rows, filename=f"alongside-{kind}.csv", bom=True)


class GuideView(OwnOrganisationView):
    policy_rule = "imports.bring_in_records"

    def get(self, request: AuthenticatedHttpRequest, kind: str) -> HttpResponse:
        return render(
            request,
            "imports/guide.html",
            {
                "kind": _kind(kind),
                "label": ImportRun.Kind(kind).label,
                "hint": KIND_HINTS[kind],
                "columns": guide_columns(kind),
                "max_mb": max_bytes() // 1024 // 1024,
            },
        )


class RunView(PolicyView):
    """What checking a file found; "Bring them in"; then how bringing in went."""

    policy_rule = "imports.use_checked_file"
    run: ImportRun

    def get_policy_object(self) -> ImportRun:
        found = selectors.run_by_id(run_id=self.kwargs["run_id"])
        if found is None:
            raise Http404
        self.run = found
        return found

    def get(self, request: AuthenticatedHttpRequest, run_id: int) -> HttpResponse:
        return render(
            request,
            "imports/run.html",
            {
                "run": self.run,
                "form": UploadForm(initial={"kind": self.run.kind}),
                "kinds": _kinds(),
                "max_mb": max_bytes() // 1024 // 1024,
                "problem_count": len(self.run.problems),
            },
        )

    def post(self, request: AuthenticatedHttpRequest, run_id: int) -> Any:
        if self.run.status == ImportRun.Status.CHECKED:
            # In the background: a big file takes a while; this page says how it went.
            services.bring_in_in_background.enqueue(
                run_id=self.run.pk, user_id=int(request.user.pk or 0)
            )
        return redirect(reverse("imports:run", kwargs={"run_id": self.run.pk}))
