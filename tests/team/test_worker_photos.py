"""Support workers' photos: cleaned on upload, shown beside their name, only to who may see them."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pytest_django import DjangoAssertNumQueries

from alongside.organisations.models import StaffMember
from alongside.rota.models import RotaWeek
from alongside.team.models import WorkerPhoto
from tests.conftest import SignedInClient
from tests.factories import (
    PersonFactory,
    RotaShiftFactory,
    RotaWeekFactory,
    StaffMemberFactory,
)

pytestmark = pytest.mark.django_db

GPS_IFD = 0x8825


def _jpeg_with_location(width: int = 1200, height: int = 900) -> SimpleUploadedFile:
    image = Image.new("RGB", (width, height), "teal")
    exif = Image.Exif()
    exif[0x010F] = "Phone maker"
    exif[GPS_IFD] = {1: "N", 2: (52.0, 38.0, 0.0), 3: "W", 4: (1.0, 8.0, 0.0)}
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return SimpleUploadedFile("me.jpg", out.getvalue(), content_type="image/jpeg")


@pytest.fixture
def place() -> dict[str, Any]:
    josie = PersonFactory(preferred_name="Josie")
    org = josie.service.organisation
    sam = StaffMemberFactory(organisation=org, services=[josie.service])
    sam.user.display_name = "Sam Okafor"
    sam.user.save()
    kim = StaffMemberFactory(organisation=org, services=[josie.service])
    kim.user.display_name = "Kim Lee"
    kim.user.save()
    manager = StaffMemberFactory(
        organisation=org, services=[josie.service], role=StaffMember.Role.SERVICE_MANAGER
    )
    return {"josie": josie, "sam": sam, "kim": kim, "manager": manager}


def test_a_worker_uploads_a_photo_that_is_stored_small_and_without_its_location(
    place: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    sam = place["sam"]
    client = signed_in_client(sam.user)
    home = client.get(reverse("web:worker-home")).content.decode()
    url = reverse("team:worker-photo-change", args=[sam.pk])
    assert url in home
    response = client.post(url, {"photo": _jpeg_with_location()})
    assert response.status_code == 302
    photo = WorkerPhoto.objects.get(worker=sam)
    stored = Image.open(io.BytesIO(bytes(photo.data)))
    assert (stored.width, stored.height) == (600, 450)
    assert not stored.getexif()
    assert b"Phone maker" not in bytes(photo.data)
    assert photo.uploaded_by == sam.user


def test_a_file_that_is_not_a_picture_is_refused_with_a_plain_message(
    place: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    client = signed_in_client(place["sam"].user)
    fake = SimpleUploadedFile("me.jpg", b"not a picture at all", content_type="image/jpeg")
    response = client.post(
        reverse("team:worker-photo-change", args=[place["sam"].pk]), {"photo": fake}
    )
    page = response.content.decode()
    assert "<title>Error:" in page
    assert "The photo must be a JPG or PNG picture." in page
    assert not WorkerPhoto.objects.exists()


def test_the_person_sees_the_photo_with_the_workers_name_and_initials_for_the_others(
    place: dict[str, Any],
    signed_in_client: SignedInClient,
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    sam, josie = place["sam"], place["josie"]
    signed_in_client(place["manager"].user).post(
        reverse("team:worker-photo-change", args=[sam.pk]), {"photo": _jpeg_with_location()}
    )
    client = signed_in_client(josie.user)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("team:my-team", args=[josie.pk])).content.decode()
    photo_url = reverse("team:worker-photo", args=[sam.pk])
    assert f'src="{photo_url}" alt="Sam Okafor"' in page
    assert ">KL</span>" in page  # Kim has no photo: initials
    served = client.get(photo_url)
    assert served.status_code == 200
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"


def test_who_is_supporting_me_this_week_shows_the_workers_photo(
    place: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    sam, josie = place["sam"], place["josie"]
    signed_in_client(sam.user).post(
        reverse("team:worker-photo-change", args=[sam.pk]), {"photo": _jpeg_with_location()}
    )
    week = RotaWeekFactory(service=josie.service, status=RotaWeek.Status.PUBLISHED)
    shift = RotaShiftFactory(week=week, people=[josie])
    shift.workers.set([sam])
    page = signed_in_client(josie.user).get(
        reverse("rota:person-week", args=[josie.pk]) + f"?week={week.monday:%G-W%V}"
    )
    assert 'alt="Sam Okafor"' in page.content.decode()


def test_the_manager_removes_a_photo_and_initials_come_back(
    place: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    sam = place["sam"]
    client = signed_in_client(place["manager"].user)
    url = reverse("team:worker-photo-change", args=[sam.pk])
    client.post(url, {"photo": _jpeg_with_location()})
    client.post(url, {"remove": "1"})
    assert not WorkerPhoto.objects.exists()
    assert client.get(reverse("team:worker-photo", args=[sam.pk])).status_code == 404


def test_a_person_at_another_service_is_not_given_the_photo(
    place: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    sam = place["sam"]
    signed_in_client(sam.user).post(
        reverse("team:worker-photo-change", args=[sam.pk]), {"photo": _jpeg_with_location()}
    )
    elsewhere = PersonFactory()
    response = signed_in_client(elsewhere.user).get(reverse("team:worker-photo", args=[sam.pk]))
    assert response.status_code == 404


def test_a_huge_picture_in_a_small_file_is_refused_with_a_plain_message_and_nothing_kept(
    place: dict[str, Any],
    signed_in_client: SignedInClient,
) -> None:
    from tests.quality.test_photos import _png_claiming_to_be

    client = signed_in_client(place["sam"].user)
    bomb = SimpleUploadedFile("me.png", _png_claiming_to_be(12000, 12000), content_type="image/png")
    response = client.post(
        reverse("team:worker-photo-change", args=[place["sam"].pk]), {"photo": bomb}
    )
    page = response.content.decode()
    assert "<title>Error:" in page
    assert "This picture is too big: 12000 by 12000 dots." in page
    assert not WorkerPhoto.objects.exists()
