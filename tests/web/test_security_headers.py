"""Every page says which scripts and styles may run (Content-Security-Policy with a fresh
nonce, no inline scripts), keeps its address from other sites (Referrer-Policy) and turns off
browser features no page uses (Permissions-Policy)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from alongside.organisations.models import StaffMember
from tests.factories import PersonFactory, StaffMemberFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "alongside" / "templates"
# Rendered to a PDF file by WeasyPrint, never served to a browser.
NOT_BROWSER_PAGES = {"people/download_pdf.html"}


def _directives(response: Any) -> dict[str, list[str]]:
    header = response.headers["Content-Security-Policy"]
    parts = [part.split() for part in header.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


def _pages(signed_in_client: Any) -> dict[str, Any]:
    person = PersonFactory()
    admin_user = StaffMemberFactory(role=StaffMember.Role.ORG_ADMIN).user
    admin_user.is_staff = True
    admin_user.save()
    return {
        "start page": Client().get(reverse("web:start")),
        "sign in": Client().get(reverse("accounts:sign-in")),
        "the person's home": signed_in_client(person.user).get(reverse("web:person-home")),
        "set-up pages": signed_in_client(admin_user).get(reverse("admin:index")),
    }


def test_pages_send_a_content_security_policy_with_a_nonce_and_no_inline_scripts(
    signed_in_client: Any,
) -> None:
    for name, response in _pages(signed_in_client).items():
        assert response.status_code == 200, name
        csp = _directives(response)
        assert csp["default-src"] == ["'self'"], name
        assert csp["object-src"] == ["'none'"], name
        assert csp["frame-ancestors"] == ["'none'"], name
        assert "'unsafe-inline'" not in csp["script-src"], name
        assert "'unsafe-inline'" not in csp["style-src"], name
        if name == "set-up pages":
            # Django's admin uses script files only: its pages need no nonce at all.
            assert csp["script-src"] == ["'self'"], name
            continue
        nonces = [s for s in csp["script-src"] if s.startswith("'nonce-")]
        assert len(nonces) == 1, name
        # Our scripts carry this response's nonce, and there is no inline script.
        nonce = nonces[0][len("'nonce-") : -1]
        body = response.content.decode()
        assert body.count(f'nonce="{nonce}"') == body.count("<script"), name
        assert "<script>" not in body, name


def test_each_response_gets_a_new_nonce() -> None:
    first, second = Client().get(reverse("web:start")), Client().get(reverse("web:start"))
    assert _directives(first)["script-src"] != _directives(second)["script-src"]


def test_pages_send_referrer_and_permissions_policies(signed_in_client: Any) -> None:
    for name, response in _pages(signed_in_client).items():
        assert response.headers["Referrer-Policy"] == "same-origin", name
        features = dict(
            item.strip().split("=", 1) for item in response.headers["Permissions-Policy"].split(",")
        )
        assert features["camera"] == "()", name
        assert features["microphone"] == "()", name
        assert features["geolocation"] == "()", name


def test_the_api_documentation_allows_redocs_styles_but_still_no_inline_scripts(
    signed_in_client: Any,
) -> None:
    response = signed_in_client(PersonFactory().user).get(reverse("api-docs"))
    assert response.status_code == 200
    csp = _directives(response)
    assert csp["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-inline'" not in csp["script-src"]
    body = response.content.decode()
    assert "fonts.googleapis.com" not in body
    assert "<script>" not in body


def _template_problems(path: Path) -> list[str]:
    text = path.read_text()
    problems = []
    for tag in re.findall(r"<script\b[^>]*>", text):
        if "src=" not in tag and 'nonce="{{ request.csp_nonce }}"' not in tag:
            problems.append(f"inline script without the nonce: {tag}")
    for tag in re.findall(r"<style\b[^>]*>", text):
        if 'nonce="{{ request.csp_nonce }}"' not in tag:
            problems.append(f"<style> without the nonce: {tag}")
    for attribute in re.findall(r"\s(on[a-z]+|style)=\"", text):
        problems.append(f"inline {attribute} attribute")
    if "javascript:" in text:
        problems.append("a javascript: address")
    return problems


def test_no_template_has_an_inline_script_style_or_handler_the_policy_would_block() -> None:
    problems = {}
    for path in sorted(TEMPLATES.rglob("*.html")):
        name = path.relative_to(TEMPLATES).as_posix()
        if name not in NOT_BROWSER_PAGES and (found := _template_problems(path)):
            problems[name] = found
    assert problems == {}


def test_the_template_check_finds_an_inline_script(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text('<script>alert(1)</script><p style="color: red" onclick="go()">Hi</p>')
    assert _template_problems(page) == [
        "inline script without the nonce: <script>",
        "inline style attribute",
        "inline onclick attribute",
    ]
