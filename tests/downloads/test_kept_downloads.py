from __future__ import annotations

import datetime as dt
import io
import json
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from pypdf import PdfReader

from alongside.audit.models import RecordView
from alongside.downloads.models import KeptDownload
from alongside.downloads.services import ask_for_download, expire_old_downloads
from alongside.everyday.models import CheckIn
from alongside.notifications.models import Notification
from alongside.organisations.models import StaffMember
from alongside.people.sharing import Part, SupporterScope
from tests.conftest import sign_in
from tests.downloads.helpers import ask, fetch_download
from tests.factories import PersonFactory, StaffMemberFactory, SupporterFactory

pytestmark = pytest.mark.django_db

# The tasks wait in a queue no worker takes from: the download stays "being made".
NO_WORKER = override_settings(
    TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
)


def _supporter_who_downloads(person: Any) -> Any:
    supporter = SupporterFactory(person=person, scopes=[SupporterScope.DOWNLOAD])
    person.sharing[Part.WHAT_MATTERS].append(f"supporter:{supporter.pk}")
    person.save()
    return supporter


def test_the_person_asks_and_their_download_is_made_kept_and_they_are_told() -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    kwargs = ask(client, person)
    kept = KeptDownload.objects.get(pk=kwargs["download_id"])
    assert kept.status == KeptDownload.Status.READY
    assert kept.expires_at == kept.asked_at + dt.timedelta(days=7)
    page = client.get(reverse("downloads:status", kwargs=kwargs)).content.decode()
    assert "Your download is ready." in page
    assert reverse("downloads:pdf", kwargs=kwargs) in page
    message = Notification.objects.get(user=person.user)
    assert message.text == "The download of your information is ready. We keep it for 7 days."
    assert message.link == reverse("downloads:status", kwargs=kwargs)


@NO_WORKER
def test_while_it_is_made_the_page_says_so_in_a_polite_live_region() -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    page = client.get(reverse("downloads:status", kwargs=ask(client, person))).content.decode()
    assert 'role="status" aria-live="polite" data-making="true"' in page
    assert "We are making your download now. It takes a few seconds." in page


@NO_WORKER
def test_asking_twice_while_one_is_being_made_makes_only_one() -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    first, second = ask(client, person), ask(client, person)
    assert first == second
    assert KeptDownload.objects.count() == 1
    response = client.get(reverse("downloads:pdf", kwargs=first))
    assert response.status_code == 409
    assert "This download is not ready yet." in response.content.decode()


@NO_WORKER
def test_a_download_lost_by_its_worker_is_given_up_and_asking_again_makes_a_new_one(
    clock: time_machine.Traveller,
) -> None:
    person = PersonFactory()
    lost = ask_for_download(person=person, asked_by=person.user)
    clock.shift(dt.timedelta(minutes=16))
    again = ask_for_download(person=person, asked_by=person.user)
    assert again.pk != lost.pk
    lost.refresh_from_db()
    assert lost.status == KeptDownload.Status.FAILED


def test_nobody_but_the_one_who_asked_can_see_or_fetch_it() -> None:
    person = PersonFactory()
    supporter = _supporter_who_downloads(person)
    kwargs = ask(sign_in(Client(), person.user), person)
    worker = StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service])
    manager = StaffMemberFactory(role=StaffMember.Role.SERVICE_MANAGER, services=[person.service])
    for user in (supporter.user, worker.user, manager.user, PersonFactory().user):
        client = sign_in(Client(), user)
        for name in ("downloads:status", "downloads:pdf", "downloads:json"):
            assert client.get(reverse(name, kwargs=kwargs)).status_code == 404, (user, name)


def test_a_download_is_refused_after_7_days_and_then_deleted(
    clock: time_machine.Traveller,
) -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    kwargs = ask(client, person)
    clock.shift(dt.timedelta(days=7))
    client = sign_in(Client(), person.user)  # a new session: the old one has ended
    response = client.get(reverse("downloads:pdf", kwargs=kwargs))
    assert response.status_code == 410
    assert "We keep a download for 7 days. This one has been deleted." in response.content.decode()
    assert expire_old_downloads() == 1
    assert not KeptDownload.objects.exists()
    assert client.get(reverse("downloads:status", kwargs=kwargs)).status_code == 404


def test_a_download_a_day_short_of_7_days_is_still_handed_out(
    clock: time_machine.Traveller,
) -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    kwargs = ask(client, person)
    clock.shift(dt.timedelta(days=6, hours=23))
    client = sign_in(Client(), person.user)  # a new session: the old one has ended
    assert client.get(reverse("downloads:json", kwargs=kwargs)).status_code == 200
    assert expire_old_downloads() == 0


def test_the_daily_command_deletes_old_downloads(clock: time_machine.Traveller) -> None:
    person = PersonFactory()
    ask_for_download(person=person, asked_by=person.user)
    clock.shift(dt.timedelta(days=8))
    out = io.StringIO()
    call_command("expire_old_downloads", stdout=out)
    assert out.getvalue().strip() == "Deleted 1 old download."
    assert not KeptDownload.objects.exists()


def test_the_daily_jobs_delete_downloads_kept_7_days(clock: time_machine.Traveller) -> None:
    from alongside.notifications.daily import run_daily_jobs

    person = PersonFactory()
    ask_for_download(person=person, asked_by=person.user)
    clock.shift(dt.timedelta(days=6))
    assert run_daily_jobs(today=dt.date.today())["downloads kept 7 days"] == 0
    assert KeptDownload.objects.exists()
    clock.shift(dt.timedelta(days=2))
    assert run_daily_jobs(today=dt.date.today())["downloads kept 7 days"] == 1
    assert not KeptDownload.objects.exists()


def test_a_supporters_download_is_refused_once_the_person_stops_sharing_with_them() -> None:
    person = PersonFactory()
    supporter = _supporter_who_downloads(person)
    client = sign_in(Client(), supporter.user)
    kwargs = ask(client, person)
    assert client.get(reverse("downloads:json", kwargs=kwargs)).status_code == 200
    person.refresh_from_db()
    person.sharing[Part.WHAT_MATTERS].remove(f"supporter:{supporter.pk}")
    person.save()
    response = client.get(reverse("downloads:json", kwargs=kwargs))
    assert response.status_code == 410
    assert "What you may see has changed since this download was made" in (
        response.content.decode()
    )
    assert (
        "What you may see has changed"
        in client.get(reverse("downloads:status", kwargs=kwargs)).content.decode()
    )


def test_a_supporters_download_is_refused_once_they_may_no_longer_download() -> None:
    person = PersonFactory()
    supporter = _supporter_who_downloads(person)
    client = sign_in(Client(), supporter.user)
    kwargs = ask(client, person)
    supporter.scopes = []
    supporter.save()
    assert client.get(reverse("downloads:pdf", kwargs=kwargs)).status_code == 404
    assert client.get(reverse("downloads:status", kwargs=kwargs)).status_code == 404


def test_asking_and_fetching_are_shown_in_who_looked() -> None:
    person = PersonFactory()
    supporter = _supporter_who_downloads(person)
    fetch_download(sign_in(Client(), supporter.user), person, "json")
    pages = set(RecordView.objects.filter(viewer=supporter.user).values_list("page", flat=True))
    assert {"Asked for a download of your information", "Downloaded as JSON"} <= pages


# --- The PDF ---------------------------------------------------------------------------


def _sizes_in_points(content: bytes) -> set[float]:
    """The size each piece of text is drawn at, in points (font size × text and page scale)."""
    sizes: set[float] = set()

    def visit(text: str, cm: list[float], tm: list[float], font: Any, size: float) -> None:
        if not text.strip():
            return
        a, b, c, d = (
            tm[0] * cm[0] + tm[1] * cm[2],
            tm[0] * cm[1] + tm[1] * cm[3],
            tm[2] * cm[0] + tm[3] * cm[2],
            tm[2] * cm[1] + tm[3] * cm[3],
        )
        sizes.add(round(size * abs(a * d - b * c) ** 0.5, 1))

    for page in PdfReader(io.BytesIO(content)).pages:
        page.extract_text(visitor_text=visit)
    return sizes


def _person_with_a_long_history(views: int, days: int) -> Any:
    person = PersonFactory()
    workers = [
        StaffMemberFactory(role=StaffMember.Role.SUPPORT_WORKER, services=[person.service]).user
        for _ in range(25)
    ]
    start = dt.datetime(2024, 12, 2, 9, 0, tzinfo=dt.UTC)
    step = dt.timedelta(days=days) / views
    RecordView.objects.bulk_create(
        (
            RecordView(
                person=person,
                viewer=workers[i % len(workers)],
                page=("Your record", "How you are today", "Your plan")[i % 3],
                viewed_at=start + i * step,
            )
            for i in range(views)
        ),
        batch_size=2000,
    )
    CheckIn.objects.bulk_create(
        CheckIn(
            person=person,
            on=start.date() + dt.timedelta(days=n),
            feeling=1 + n % 5,
            note=f"Day {n}: a walk, then tea with my sister. " * 3,
            helps=[],
        )
        for n in range(days)
    )
    return person


def test_the_pdf_is_tagged_and_its_words_are_16_point_or_bigger() -> None:
    person = _person_with_a_long_history(views=300, days=60)
    content = fetch_download(sign_in(Client(), person.user), person, "pdf").content
    catalog = PdfReader(io.BytesIO(content)).trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    sizes = _sizes_in_points(content)
    assert sizes and min(sizes) >= 16, sorted(sizes)


def test_the_pdf_stays_within_60_pages_for_20000_views_and_2_years_of_check_ins() -> None:
    person = _person_with_a_long_history(views=20_000, days=730)
    client = sign_in(Client(), person.user)
    kwargs = ask(client, person)
    content = client.get(reverse("downloads:pdf", kwargs=kwargs)).content
    pages = len(PdfReader(io.BytesIO(content)).pages)
    assert pages <= 60
    assert KeptDownload.objects.get(pk=kwargs["download_id"]).pdf_pages == pages
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    text = " ".join(text.split())
    assert "How I felt, month by month" in text
    assert "December 2024" in text  # the first month of check-ins, summed up
    assert "The JSON download has everything, in full." in text
    # The JSON keeps every view and every check-in.
    data = json.loads(client.get(reverse("downloads:json", kwargs=kwargs)).content)
    assert len(data["who_looked"]) == 20_000
    assert data["who_looked"][-1]["when"].startswith("2024-12-02T09:00:00")
    assert len(data["records"]["check_ins"]) == 730
