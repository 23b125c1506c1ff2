from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.fixtures import SettingsWrapper

from tests.conftest import sign_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_easy_read_is_kept_on_the_users_profile() -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    client.post(reverse("accounts:account"), {"easy_read": "on"})
    person.user.refresh_from_db()
    assert person.user.easy_read is True
    assert "alongside-easy-read" in client.get(reverse("web:person-home")).content.decode()


def test_a_missing_easy_read_choice_is_refused_with_a_clear_message() -> None:
    person = PersonFactory()
    client = sign_in(Client(), person.user)
    response = client.post(reverse("accounts:account"), {})
    assert response.status_code == 200
    assert "Choose on or off" in response.content.decode()
    person.user.refresh_from_db()
    assert person.user.easy_read is False


def test_an_empty_sign_in_form_says_what_is_missing() -> None:
    response = Client().post(reverse("accounts:sign-in"), {"username": "", "password": ""})
    page = response.content.decode()
    assert "Enter your email address" in page
    assert "Enter your password" in page


def test_demo_sign_in_is_not_there_without_the_demo_setting(settings: SettingsWrapper) -> None:
    settings.ALONGSIDE_DEMO = False
    response = Client().post(reverse("accounts:demo-sign-in", args=["person"]))
    assert response.status_code == 404
