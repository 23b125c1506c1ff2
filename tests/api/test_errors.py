"""An address under /api/ that matches no endpoint answers in JSON, as the schema's 404
says; the rest of the site keeps its page."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.conftest import sign_in
from tests.factories import PersonFactory

pytestmark = pytest.mark.django_db


def test_an_api_address_that_matches_nothing_answers_a_json_404_with_a_detail() -> None:
    client = sign_in(Client(), PersonFactory().user)
    response = client.get("/api/people/not-a-number/about-me/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "There is nothing at this address."}


def test_a_page_address_that_matches_nothing_still_answers_the_sites_404_page() -> None:
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")
