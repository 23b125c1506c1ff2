"""Every link in an error summary lands on something on the same page (issue 18 item 2).

For every page of the permission matrix that a role may open, each form on it is sent back
with its questions left empty, then, if that is allowed, with a value too long or wrong for
any question. Wherever the answer shows an error summary, each of its links must name the
id of an element on that page that can take focus: for radios and checkboxes the first
choice, as the GOV.UK error summary does, never the name of the question itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from tests.conftest import sign_in
from tests.policy.test_permission_matrix import ALL_URLS, EXPECTED
from tests.world import World, build_world

pytestmark = pytest.mark.django_db

# Pages whose POST starts long work or ends the session for the rest of the loop.
NO_POST = {"rota:service-week-solve", "accounts:sign-out", "accounts:sign-out-everywhere"}
ROLES_PER_PAGE = 2
# A value no question accepts: longer than any box allows, not a choice, not a date.
WRONG = "x" * 3000
# Elements a link can move focus to (GOV.UK's error summary focuses what it finds by id).
FOCUSABLE = {"input", "textarea", "select", "button", "a"}


@dataclass
class Form:
    action: str
    hidden: dict[str, str] = field(default_factory=dict)
    questions: list[str] = field(default_factory=list)
    submit: tuple[str, str] | None = None


class Page(HTMLParser):
    """What a page says: its ids and the tags that carry them, its POST forms, and the
    links in its error summaries."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: dict[str, tuple[str, dict[str, str]]] = {}
        self.forms: list[Form] = []
        self.summary_links: list[str] = []
        self._form: Form | None = None
        self._summary_depth = 0  # >0 while inside an error summary's <div>
        self._div_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if "id" in a:
            self.ids[a["id"]] = (tag, a)
        if tag == "div":
            self._div_depth += 1
            if not self._summary_depth and "govuk-error-summary" in a.get("class", "").split():
                self._summary_depth = self._div_depth
        if tag == "a" and self._summary_depth and a.get("href", "").startswith("#"):
            self.summary_links.append(a["href"][1:])
        if tag == "form" and a.get("method", "").lower() == "post":
            self._form = Form(action=a.get("action", ""))
            self.forms.append(self._form)
        if self._form is None or not a.get("name"):
            return
        name, kind = a["name"], a.get("type", "text").lower()
        if tag == "input" and kind == "hidden":
            self._form.hidden[name] = a.get("value", "")
        elif tag == "button" or kind == "submit":
            if self._form.submit is None:
                self._form.submit = (name, a.get("value", ""))
        elif name not in self._form.questions:
            self._form.questions.append(name)

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        if tag == "div":
            if self._summary_depth == self._div_depth:
                self._summary_depth = 0
            self._div_depth -= 1


def read(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


def _client(world: World, role: str) -> Client:
    client = Client(raise_request_exception=False)
    user = world.users[role]
    return sign_in(client, user) if user is not None else client


def _roles_that_open(url_name: str) -> list[str]:
    _, answers = EXPECTED[url_name]
    return [role for role, status in answers.items() if status == 200][:ROLES_PER_PAGE]


def _lands(page: Page, target: str) -> str | None:
    """Why the link to `target` lands nowhere, or None if it lands on something focusable."""
    if target not in page.ids:
        return "no element has this id"
    tag, attrs = page.ids[target]
    if attrs.get("type") == "hidden" or (tag not in FOCUSABLE and "tabindex" not in attrs):
        return f"it is a <{tag}{' hidden' if attrs.get('type') == 'hidden' else ''}>"
    return None


def _answers(form: Form) -> list[dict[str, str]]:
    """The bad answers to send: every question left empty, then every question wrong."""
    base = dict(form.hidden)
    if form.submit:
        base[form.submit[0]] = form.submit[1]
    return [
        base | {name: "" for name in form.questions},
        base | {name: WRONG for name in form.questions},
    ]


def _check_page(url_name: str, url: str, world: World) -> tuple[int, list[str]]:
    checked, wrong = 0, []
    for role in _roles_that_open(url_name):
        client = _client(world, role)
        opened = client.get(url)
        if opened.status_code != 200 or "text/html" not in opened.get("Content-Type", ""):
            continue  # downloads and the API have no forms to send back
        for index, form in enumerate(read(opened.content.decode()).forms):
            if not form.questions:
                continue
            for data in _answers(form):
                answer = client.post(form.action or url, data)
                html = answer.content.decode(errors="replace")
                if answer.status_code != 200 or "govuk-error-summary" not in html:
                    continue  # allowed (or refused in another way): try the wrong values
                shown = read(html)
                checked += 1
                for target in shown.summary_links:
                    why = _lands(shown, target)
                    if why:
                        wrong.append(f"{url_name} form {index} as {role}: #{target}: {why}")
                break
    return checked, wrong


def test_every_error_summary_link_lands_on_a_field_of_the_same_page() -> None:
    world = build_world()
    checked, wrong = 0, []
    for url_name in ALL_URLS:
        if url_name in NO_POST:
            continue
        # Each page starts from the same world: what one page's POSTs changed is rolled back.
        with transaction.atomic():
            url = reverse(url_name, kwargs=EXPECTED[url_name][0](world))
            page_checked, page_wrong = _check_page(url_name, url, world)
            transaction.set_rollback(True)
        checked += page_checked
        wrong += page_wrong
    assert not wrong, "Error-summary links that land nowhere:\n" + "\n".join(wrong)
    # Not vacuous: the forms of the app really were sent back with errors and looked at.
    assert checked >= 40, f"only {checked} forms were answered with errors"


def test_the_page_reader_finds_summary_links_forms_and_ids() -> None:
    """The check above is only worth something if it reads pages right."""
    page = read(
        '<div class="govuk-error-summary"><div><a href="#id_feeling_0">Say how</a></div>'
        '<a href="#id_words">Write</a></div><a href="#elsewhere">Skip</a>'
        '<form method="post" action="/x"><input type="hidden" name="version" value="3">'
        '<input type="radio" name="feeling" id="id_feeling_0" value="1">'
        '<input type="radio" name="feeling" id="id_feeling_1" value="2">'
        '<button name="go" value="yes">Save</button></form>'
    )
    assert page.summary_links == ["id_feeling_0", "id_words"]
    assert page.forms == [
        Form(action="/x", hidden={"version": "3"}, questions=["feeling"], submit=("go", "yes"))
    ]
    assert _lands(page, "id_feeling_0") is None
    assert _lands(page, "id_feeling") == "no element has this id"


class Everything(forms.Form):
    """One question of each kind the app asks, with an error about the whole form."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    feeling = forms.ChoiceField(
        choices=[("1", "Good"), ("2", "Not good")], widget=forms.RadioSelect
    )
    days = forms.MultipleChoiceField(
        choices=[("mon", "Monday"), ("tue", "Tuesday")], widget=forms.CheckboxSelectMultiple
    )
    nothing_to_choose = forms.ChoiceField(choices=[], widget=forms.RadioSelect)
    agree = forms.BooleanField()
    on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    words = forms.CharField(widget=forms.Textarea)

    def clean(self) -> dict[str, object]:
        raise ValidationError("Something about the whole form is wrong.")


def _summary_and_fields(form: forms.Form) -> Page:
    html: str = render_to_string("includes/error_summary.html", {"form": form})
    for name in form.fields:
        # A single checkbox is written out by its page (as on "Volunteer"), not field.html.
        html += (
            str(form[name])
            if name == "agree"
            else render_to_string("includes/field.html", {"field": form[name]})
        )
    return read(html)


def test_summary_links_go_to_the_first_choice_of_radios_and_checkboxes() -> None:
    form = Everything(data={"version": "x"})
    assert not form.is_valid()
    page = _summary_and_fields(form)
    assert page.summary_links == [
        "id_feeling_0",  # the form-wide error: the first question that can take focus
        "id_feeling_0",  # the hidden version: it cannot take focus, so the first question
        "id_feeling_0",
        "id_days_0",
        "id_nothing_to_choose",  # no choices: the question itself, which takes focus
        "id_agree",
        "id_on",
        "id_words",
    ]
    assert all(_lands(page, target) is None for target in page.summary_links)
