from typing import Any
import pytest
from django.urls import reverse
from playwright.sync_api import Browser
from tests.browser.test_first_things_first import _open_on_a_phone
from tests.browser.pages import lived_in
from tests.world import build_world
from tests.factories import PersonFactory
from alongside.everyday.models import CheckIn, Feeling
from django.utils import timezone
import os

def test_shots(browser: Browser, live_server: Any, transactional_db: Any) -> None:
    world = build_world()
    lived_in(world)
    for name in ["Alex", "Bea"]:
        PersonFactory(service=world.service, preferred_name=name)
    zoe = PersonFactory(service=world.service, preferred_name="Zoe")
    CheckIn.objects.create(person=zoe, on=timezone.localdate(), feeling=Feeling.BAD, alert_team=True)
    for role, path in [("person", reverse("web:person-home")), ("worker_in_service", reverse("web:worker-home"))] + [("person", p) for p in os.environ.get("EXTRA", "").split(",") if p]:
        for er in (True, False):
            page = _open_on_a_phone(browser, live_server.url, world, role, path, er)
            page.screenshot(path=f"/tmp/phone/{role}{path.replace('/','_')}{'_er' if er else ''}.png", full_page=True)
            page.context.close()
