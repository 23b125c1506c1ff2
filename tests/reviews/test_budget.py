"""Personal budgets: a change within the total is agreed in one step, a rise cannot skip the
council's approval, and money is exact to the penny."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from alongside.audit.models import RecordChange
from alongside.reviews import services
from alongside.reviews.models import BudgetChange, BudgetUse, PersonalBudget
from alongside.reviews.selectors import budget_summary
from tests.factories import CouncilWorkerFactory, PersonFactory, budget_for
from tests.reviews.sending import send_budget_change

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting() -> dict[str, Any]:
    person = PersonFactory()
    return {
        "person": person,
        "budget": budget_for(person),
        "worker": CouncilWorkerFactory(council=person.council),
    }


def _uses(budget: PersonalBudget) -> dict[str, Decimal]:
    return {u.words: u.amount for u in budget.uses.filter(is_active=True)}


def _form(budget: PersonalBudget, **amounts: str) -> dict[str, str]:
    data = {"version": str(budget.version), "why": ""}
    for use in budget.uses.filter(is_active=True):
        data[f"use_{use.pk}"] = amounts.get(use.words.split()[0].lower(), str(use.amount))
    return data


def test_a_change_that_keeps_the_total_is_agreed_in_one_step(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    person, budget = setting["person"], setting["budget"]
    data = _form(budget, days="100", swimming="160.00")  # £40 a week moved to swimming
    response = send_budget_change(signed_in_client(person.user), person, data)
    assert response.status_code == 302
    change = BudgetChange.objects.get()
    assert not change.raises_total
    worker_client = signed_in_client(setting["worker"].user)
    response = worker_client.post(
        reverse("reviews:budget-decision", args=[person.pk, change.pk]), {"action": "agree"}
    )
    assert response.status_code == 302
    change.refresh_from_db()
    budget.refresh_from_db()
    assert change.status == BudgetChange.Status.AGREED
    assert budget.amount == Decimal("300.00")
    assert _uses(budget) == {
        "Swimming": Decimal("160.00"),
        "Days out": Decimal("100.00"),
        "Art class": Decimal("40.00"),
    }
    actions = set(RecordChange.objects.filter(person=person).values_list("action", flat=True))
    assert {"budget_change_proposed", "budget_change_agreed"} <= actions


def test_a_rise_cannot_be_agreed_directly_it_needs_approval(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    person, budget = setting["person"], setting["budget"]
    send_budget_change(signed_in_client(person.user), person, _form(budget, swimming="150"))
    change = BudgetChange.objects.get()
    assert change.raises_total and change.new_total == Decimal("330.00")
    worker_client = signed_in_client(setting["worker"].user)
    url = reverse("reviews:budget-decision", args=[person.pk, change.pk])
    # A hand-made POST to "agree" a rise is refused, and nothing changes.
    assert worker_client.post(url, {"action": "agree"}).status_code == 403
    # Nor can the council worker approve it: they are not a budget approver.
    assert worker_client.post(url, {"action": "approve"}).status_code == 403
    budget.refresh_from_db()
    assert budget.amount == Decimal("300.00")
    assert BudgetChange.objects.get().status == BudgetChange.Status.PROPOSED


def test_a_rise_is_recommended_then_approved_by_someone_else(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    person, budget, worker = setting["person"], setting["budget"], setting["worker"]
    send_budget_change(signed_in_client(person.user), person, _form(budget, art="70"))
    change = BudgetChange.objects.get()
    url = reverse("reviews:budget-decision", args=[person.pk, change.pk])
    approver = CouncilWorkerFactory(council=person.council)
    services.name_budget_approver(council_worker=approver, named_by=None)
    # The approver cannot approve before the council worker recommends it.
    assert signed_in_client(approver.user).post(url, {"action": "approve"}).status_code == 403
    assert signed_in_client(worker.user).post(url, {"action": "recommend"}).status_code == 302
    change.refresh_from_db()
    assert change.status == BudgetChange.Status.RECOMMENDED
    budget.refresh_from_db()
    assert budget.amount == Decimal("300.00")  # still waiting
    assert signed_in_client(approver.user).post(url, {"action": "approve"}).status_code == 302
    budget.refresh_from_db()
    assert budget.amount == Decimal("330.00")
    assert _uses(budget)["Art class"] == Decimal("70.00")


def test_a_budget_approver_cannot_approve_a_rise_they_recommended(
    setting: dict[str, Any],
) -> None:
    person, budget, worker = setting["person"], setting["budget"], setting["worker"]
    services.name_budget_approver(council_worker=worker, named_by=None)
    change = services.propose_budget_change(
        budget=budget,
        proposed_by=person.user,
        expected_version=budget.version,
        lines=[services.UseLine(u.pk, u.words, u.amount * 2) for u in budget.uses.all()],
    )
    services.recommend_budget_change(change=change, recommended_by=worker.user)
    with pytest.raises(PermissionDenied):
        services.approve_budget_change(change=change, approved_by=worker.user)
    with pytest.raises(PermissionDenied):
        services.agree_budget_change(change=change, agreed_by=worker.user)


def test_uses_that_add_up_to_less_than_the_budget_are_refused_with_the_gap(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    person, budget = setting["person"], setting["budget"]
    response = send_budget_change(signed_in_client(person.user), person, _form(budget, days="100"))
    assert response.status_code == 200
    assert "Share out the other £40 too." in response.content.decode()
    assert not BudgetChange.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5", "cannot be less than nothing"),
        ("12.345", "at most two numbers after the point"),
        ("forty", "Write the amount as a number of pounds"),
        ("1,20.00", "Write the amount as a number of pounds"),
    ],
)
def test_bad_amounts_get_a_plain_message_and_nothing_is_saved(
    signed_in_client: Any, setting: dict[str, Any], typed: str, message: str
) -> None:
    person, budget = setting["person"], setting["budget"]
    response = send_budget_change(signed_in_client(person.user), person, _form(budget, days=typed))
    html = response.content.decode()
    assert response.status_code == 200 and message in html and "<title>Error:" in html
    assert not BudgetChange.objects.exists()


def test_a_new_use_in_the_person_s_words_can_be_added_within_the_total(
    setting: dict[str, Any],
) -> None:
    person, budget, worker = setting["person"], setting["budget"], setting["worker"]
    uses = list(budget.uses.all())
    lines = [services.UseLine(u.pk, u.words, u.amount) for u in uses[:2]]
    lines.append(services.UseLine(None, "Guitar lessons", Decimal("40.00")))
    change = services.propose_budget_change(
        budget=budget, proposed_by=person.user, expected_version=1, lines=lines
    )
    services.agree_budget_change(change=change, agreed_by=worker.user)
    assert _uses(budget) == {
        "Swimming": Decimal("120.00"),
        "Days out": Decimal("140.00"),
        "Guitar lessons": Decimal("40.00"),
    }
    assert not BudgetUse.objects.get(words="Art class").is_active


def test_spending_shows_what_is_left_and_the_variance_per_use_and_in_total(
    setting: dict[str, Any],
) -> None:
    budget, person = setting["budget"], setting["person"]
    uses = {u.words: u for u in budget.uses.all()}
    today = timezone.localdate()
    for words, amount in [("Swimming", "45.50"), ("Days out", "150.25"), ("Art class", "40")]:
        services.record_spending(
            use=uses[words],
            amount=Decimal(amount),
            spent_on=today,
            words="",
            recorded_by=person.user,
        )
    # Spending in an earlier week does not count this week.
    services.record_spending(
        use=uses["Swimming"],
        amount=Decimal("10.00"),
        spent_on=today - datetime.timedelta(days=8),
        words="",
        recorded_by=person.user,
    )
    summary = budget_summary(budget=budget, day=today)
    by_use = {u.words: u for u in summary.uses}
    assert by_use["Swimming"].remaining == Decimal("74.50")
    assert by_use["Days out"].variance == Decimal("10.25")  # over
    assert by_use["Art class"].remaining == Decimal("0.00")
    assert summary.spent == Decimal("235.75")
    assert summary.remaining == Decimal("64.25")


amounts = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000"), places=2)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    moves=st.lists(
        st.tuples(st.integers(0, 2), st.integers(0, 2), amounts), min_size=1, max_size=12
    )
)
def test_money_totals_stay_exact_to_the_penny_over_many_changes(
    moves: list[tuple[int, int, Decimal]],
) -> None:
    person = PersonFactory()
    worker = CouncilWorkerFactory(council=person.council)
    budget = budget_for(person, [("A", "100.10"), ("B", "0.20"), ("C", "199.70")])
    expected = {"A": Decimal("100.10"), "B": Decimal("0.20"), "C": Decimal("199.70")}
    for source, target, amount in moves:
        names = ["A", "B", "C"]
        moved = min(amount, expected[names[source]])
        if source == target or moved == 0:
            continue
        expected[names[source]] -= moved
        expected[names[target]] += moved
        budget.refresh_from_db()
        uses = {u.words: u for u in budget.uses.all()}
        lines = [services.UseLine(uses[n].pk, n, expected[n]) for n in names]
        change = services.propose_budget_change(
            budget=budget, proposed_by=person.user, expected_version=budget.version, lines=lines
        )
        services.agree_budget_change(change=change, agreed_by=worker.user)
    budget.refresh_from_db()
    got = {u.words: u.amount for u in budget.uses.all()}
    assert got == expected
    assert sum(got.values(), Decimal("0")) == Decimal("300.00") == budget.amount
    summary = budget_summary(budget=budget)
    assert summary.planned == Decimal("300.00")


def test_the_council_worker_sets_up_a_budget_whose_uses_add_up_to_it(
    signed_in_client: Any,
) -> None:
    person = PersonFactory()
    worker = CouncilWorkerFactory(council=person.council)
    client = signed_in_client(worker.user)
    url = reverse("reviews:budget-set-up", args=[person.pk])
    data = {
        "amount": "£300",
        "period": "weekly",
        "starts_on": "02/11/2026",
        "words_1": "Swimming",
        "amount_1": "120",
        "words_2": "Days out",
        "amount_2": "1,40.00",
    }
    response = client.post(url, data)
    assert "Write the amount as a number of pounds" in response.content.decode()
    response = client.post(url, {**data, "amount_2": "140"})
    assert "The uses add up to £260, not £300." in response.content.decode()
    assert not PersonalBudget.objects.exists()
    response = client.post(url, {**data, "amount_2": "180.00"})
    assert response.status_code == 302
    budget = PersonalBudget.objects.get(person=person)
    assert budget.amount == Decimal("300.00") and _uses(budget)["Days out"] == Decimal("180.00")
    assert client.get(url).status_code == 404  # only once


def test_a_council_names_and_stops_a_budget_approver_by_email() -> None:
    from django.core.management import call_command

    from alongside.reviews.models import BudgetApprover

    worker = CouncilWorkerFactory()
    call_command("name_budget_approver", worker.user.email)
    assert BudgetApprover.objects.filter(council_worker=worker).exists()
    call_command("name_budget_approver", worker.user.email, "--stop")
    assert not BudgetApprover.objects.exists()


def test_the_budget_is_told_once_only_to_those_who_may_see_it(setting: dict[str, Any]) -> None:
    from alongside.people.selectors import told_once

    person = setting["person"]
    mine = told_once(person=person, viewer=person.user)["reviews"]["budget"]
    assert mine["amount"] == Decimal("300.00")
    assert [u["words"] for u in mine["uses"]] == ["Swimming", "Days out", "Art class"]
    manager_view = told_once(person=person, viewer=CouncilWorkerFactory().user)
    assert manager_view["reviews"]["budget"] is None


def test_the_person_takes_back_a_change_before_the_council_answers_and_nothing_changes(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    person, budget = setting["person"], setting["budget"]
    me = signed_in_client(person.user)
    moved = _form(budget, days="100", swimming="160.00")
    send_budget_change(me, person, moved)
    change = BudgetChange.objects.get()
    url = reverse("reviews:budget-decision", args=[person.pk, change.pk])
    assert "Take it back" in me.get(url).content.decode()
    before = _uses(budget)
    assert me.post(url, {"action": "withdraw"}).status_code == 302
    change.refresh_from_db()
    assert change.status == BudgetChange.Status.WITHDRAWN
    assert _uses(budget) == before
    assert RecordChange.objects.filter(person=person, action="budget_change_withdrawn").exists()
    # The council can no longer agree it.
    response = signed_in_client(setting["worker"].user).post(url, {"action": "agree"})
    assert "already been answered" in response.content.decode()
    change.refresh_from_db()
    assert change.status == BudgetChange.Status.WITHDRAWN
    assert _uses(budget) == before


def test_a_change_the_council_answered_cannot_be_taken_back(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    person, budget = setting["person"], setting["budget"]
    me = signed_in_client(person.user)
    moved = _form(budget, days="100", swimming="160.00")
    send_budget_change(me, person, moved)
    change = BudgetChange.objects.get()
    url = reverse("reviews:budget-decision", args=[person.pk, change.pk])
    signed_in_client(setting["worker"].user).post(url, {"action": "agree"})
    assert "Take it back" not in me.get(url).content.decode()
    response = me.post(url, {"action": "withdraw"})
    assert "The council has already answered this change." in response.content.decode()
    change.refresh_from_db()
    assert change.status == BudgetChange.Status.AGREED


def test_the_council_worker_may_not_take_back_the_persons_change(
    signed_in_client: Any, setting: dict[str, Any]
) -> None:
    person, budget = setting["person"], setting["budget"]
    send_budget_change(
        signed_in_client(person.user), person, _form(budget, days="100", swimming="160.00")
    )
    change = BudgetChange.objects.get()
    response = signed_in_client(setting["worker"].user).post(
        reverse("reviews:budget-decision", args=[person.pk, change.pk]), {"action": "withdraw"}
    )
    assert response.status_code == 403
    change.refresh_from_db()
    assert change.status == BudgetChange.Status.PROPOSED


def _documented_answer_for_the_person(rule: str) -> str:
    """The P column of the docs/permissions.md row that names `rule`."""
    from pathlib import Path

    doc = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
    row = next(line for line in doc.read_text().splitlines() if f"(`{rule}`" in line)
    return row.split("|")[2].strip()


@pytest.mark.parametrize(
    "action,rule",
    [
        ("agree", "reviews.answer_budget_change"),
        ("decline", "reviews.answer_budget_change"),
        ("approve", "reviews.approve_budget_change"),
    ],
)
def test_the_person_deciding_their_own_change_is_refused_with_403_as_documented(
    signed_in_client: Any, setting: dict[str, Any], action: str, rule: str
) -> None:
    person, budget = setting["person"], setting["budget"]
    client = signed_in_client(person.user)
    send_budget_change(client, person, _form(budget, art="70"))
    change = BudgetChange.objects.get()
    response = client.post(
        reverse("reviews:budget-decision", args=[person.pk, change.pk]), {"action": action}
    )
    # The person may see the change, so the page exists for them: "not allowed", not "missing".
    assert response.status_code == 403
    assert _documented_answer_for_the_person(rule) == "403"
    change.refresh_from_db()
    assert change.status == BudgetChange.Status.PROPOSED
    budget.refresh_from_db()
    assert budget.amount == Decimal("300.00")
