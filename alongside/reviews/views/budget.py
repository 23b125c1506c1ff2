"""Review, goal and budget pages. Thin: each names one rule of the policy, fetches through
the user's scope and leaves the work to services.py and selectors.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from alongside import drafts
from alongside.people.models import Person
from alongside.people.sharing import Part
from alongside.policy.access import (
    AuthenticatedHttpRequest,
    PersonPageView,
    PersonPartPageView,
)

from .. import selectors, services
from ..forms import (
    BudgetChangeForm,
    BudgetSetUpForm,
    DecisionForm,
    SpendingForm,
)
from ..models import BudgetChange, PersonalBudget


def _messages_from(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


class BudgetPartView(PersonPartPageView):
    """A page about the `budget` part of one person's record."""

    policy_rule = "reviews.see_budget"
    policy_part = Part.BUDGET

    def budget(self) -> PersonalBudget | None:
        return selectors.budget_of(person=self.person)


class BudgetView(BudgetPartView):
    audit_page = "Personal budget"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        budget = self.budget()
        summary = selectors.budget_summary(budget=budget) if budget else None
        changes = selectors.recent_budget_changes(budget=budget) if budget else []
        spending = selectors.recent_spending(budget=budget) if budget else []
        return render(
            request,
            "reviews/budget.html",
            {
                "person": self.person,
                "budget": budget,
                "summary": summary,
                "changes": changes,
                "spending": spending,
            },
        )


class BudgetChangeView(PersonPageView):
    """The person shares their budget out differently, in their words."""

    policy_rule = "reviews.propose_budget_change"
    audit_page = "Change how I use my budget"

    def _budget(self) -> PersonalBudget:
        budget = selectors.budget_of(person=self.person)
        if budget is None:
            raise Http404
        return budget

    def _uses(self, budget: PersonalBudget) -> list[Any]:
        return selectors.active_uses_in_order(budget=budget)

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        form: BudgetChangeForm | None = None,
        errors: list[str] | None = None,
    ) -> HttpResponse:
        budget = self._budget()
        uses = self._uses(budget)
        unsent = drafts.kept(request, _budget_change_key(self.person))
        if form is None and unsent is not None:
            # Back from "Check your answers": every answer as the person left it.
            form = BudgetChangeForm(initial=drafts.initial_from(unsent), uses=uses)
        form = form or BudgetChangeForm(
            initial={"version": budget.version, **{f"use_{u.pk}": f"{u.amount}" for u in uses}},
            uses=uses,
        )
        return render(
            request,
            "reviews/budget_change.html",
            {"person": self.person, "budget": budget, "form": form, "errors": errors or []},
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        budget = self._budget()
        form = BudgetChangeForm(request.POST, uses=self._uses(budget))
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        # The person checks their answers first: only "Send" on that page saves anything.
        drafts.keep(request, _budget_change_key(self.person), request.POST, list(form.fields))
        return redirect("reviews:budget-change-check", person_id=person_id)


def _budget_change_key(person: Person) -> str:
    return f"budget-change-{person.pk}"


class BudgetChangeCheckView(BudgetChangeView):
    """Check your answers before a budget change is sent. Each "Change" goes back to its
    question with every answer kept; only "Send" saves."""

    audit_page = "Check my budget change"

    def get(  # type: ignore[override]
        self, request: AuthenticatedHttpRequest, person_id: int, errors: list[str] | None = None
    ) -> HttpResponse:
        budget = self._budget()
        uses = self._uses(budget)
        unsent = drafts.kept(request, _budget_change_key(self.person))
        rows: list[dict[str, Any]] = []
        new_total = None
        form = None
        if unsent is not None:
            form = BudgetChangeForm(unsent, uses=uses)
            if not form.is_valid():
                # The uses changed since: the form says what to put right.
                return BudgetChangeView.get(self, request, person_id, form=form)
            for use in uses:
                rows.append(
                    {
                        "label": use.words,
                        "now": use.amount,
                        "new": form.cleaned_data[f"use_{use.pk}"],
                        "field": f"id_use_{use.pk}",
                    }
                )
            new_total = sum((amount for _, _, amount in form.lines()), start=Decimal("0.00"))
        return render(
            request,
            "reviews/budget_change_check.html",
            {
                "person": self.person,
                "budget": budget,
                "answers": form.cleaned_data if form else None,
                "rows": rows,
                "new_total": new_total,
                "raises_total": new_total is not None and new_total > budget.amount,
                "errors": errors or [],
            },
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        budget = self._budget()
        unsent = drafts.kept(request, _budget_change_key(self.person))
        if unsent is None:
            return redirect("reviews:budget-change", person_id=person_id)
        form = BudgetChangeForm(unsent, uses=self._uses(budget))
        if not form.is_valid():
            return BudgetChangeView.get(self, request, person_id, form=form)
        try:
            change = services.propose_budget_change(
                budget=budget,
                proposed_by=request.user,
                expected_version=form.cleaned_data["version"],
                lines=[services.UseLine(*line) for line in form.lines()],
                why=form.cleaned_data["why"],
            )
        except services.BudgetConflict as conflict:
            return self.get(request, person_id, errors=[str(conflict)])
        except ValidationError as error:
            return self.get(request, person_id, errors=_messages_from(error))
        drafts.forget(request, _budget_change_key(self.person))
        if change.raises_total:
            messages.success(
                request, "Sent. A rise needs the council's approval. We will tell you the answer."
            )
        else:
            messages.success(request, "Sent to your council worker to agree.")
        return redirect("reviews:budget", person_id=person_id)


class BudgetChangeDecisionView(BudgetPartView):
    """One change to a budget. The council worker agrees a change that keeps the total in one
    step; a rise is recommended by them and approved by a budget approver."""

    audit_page = "A change to the budget"

    def _change(self) -> BudgetChange:
        return selectors.budget_change_of(person=self.person, change_id=self.kwargs["change_id"])

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        change_id: int,
        form: DecisionForm | None = None,
        errors: list[str] | None = None,
        kept_note: str = "",
    ) -> HttpResponse:
        change = self._change()
        current = selectors.active_uses(budget=change.budget)
        return render(
            request,
            "reviews/budget_decision.html",
            {
                "person": self.person,
                "change": change,
                "lines": selectors.lines_of(change=change),
                "current": current,
                "form": form or DecisionForm(),
                "errors": errors or [],
                # Someone else answered first: the note box is gone, so the words typed are
                # shown back rather than lost.
                "kept_note": kept_note,
            },
        )

    def post(
        self, request: AuthenticatedHttpRequest, person_id: int, change_id: int
    ) -> HttpResponse:
        change = self._change()
        user: Any = request.user
        action = request.POST.get("action")
        rule = {
            "agree": "reviews.answer_budget_change",
            "recommend": "reviews.answer_budget_change",
            "decline": "reviews.answer_budget_change",
            "approve": "reviews.approve_budget_change",
            "withdraw": "reviews.withdraw_budget_change",
        }.get(action or "")
        if rule is None:
            raise Http404
        if not user.has_perm(rule, self.person):
            raise PermissionDenied
        form = DecisionForm(request.POST)
        form.is_valid()
        try:
            if action == "agree":
                services.agree_budget_change(change=change, agreed_by=user)
                messages.success(request, "Agreed. The budget is changed.")
            elif action == "recommend":
                services.recommend_budget_change(
                    change=change, recommended_by=user, note=form.cleaned_data.get("note", "")
                )
                messages.success(request, "Sent for the council's approval.")
            elif action == "approve":
                services.approve_budget_change(change=change, approved_by=user)
                messages.success(request, "Approved. The budget is changed.")
            elif action == "withdraw":
                services.withdraw_budget_change(change=change, withdrawn_by=user)
                messages.success(request, "Taken back. Your budget stays as it was.")
            else:
                services.decline_budget_change(
                    change=change, declined_by=user, note=form.cleaned_data.get("note", "")
                )
                messages.success(request, "Not agreed. The person will see why.")
        except services.BudgetConflict as conflict:
            return self.get(
                request,
                person_id,
                change_id,
                form=form,
                errors=[str(conflict)],
                kept_note=_typed_note(form),
            )
        except ValidationError as error:
            return self.get(
                request,
                person_id,
                change_id,
                form=form,
                errors=_messages_from(error),
                kept_note=_typed_note(form),
            )
        return redirect("reviews:budget", person_id=person_id)


def _typed_note(form: DecisionForm) -> str:
    return str(form.cleaned_data.get("note") or form.data.get("note") or "").strip()


class BudgetSetUpView(PersonPageView):
    """The council worker writes down the budget the council agreed and the uses the person
    chose. Only for a person with no budget in Alongside yet."""

    policy_rule = "reviews.set_up_budget"
    audit_page = "Set up a personal budget"

    def _check(self) -> None:
        if selectors.has_budget(person=self.person):
            raise Http404

    def get(
        self, request: AuthenticatedHttpRequest, person_id: int, form: BudgetSetUpForm | None = None
    ) -> HttpResponse:
        self._check()
        form = form or BudgetSetUpForm(
            initial={
                "period": "weekly",
                "starts_on": timezone.localdate().strftime("%d/%m/%Y"),
            }
        )
        return render(request, "reviews/budget_set_up.html", {"person": self.person, "form": form})

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        self._check()
        form = BudgetSetUpForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        services.set_up_budget(
            person=self.person,
            amount=form.cleaned_data["amount"],
            period=form.cleaned_data["period"],
            starts_on=form.cleaned_data["starts_on"],
            uses=form.cleaned_data["uses"],
            set_up_by=request.user,
        )
        messages.success(request, "The personal budget is set up.")
        return redirect("reviews:budget", person_id=person_id)


class SpendingView(PersonPageView):
    """Write down money spent on one use of the budget."""

    policy_rule = "reviews.record_spending"
    audit_page = "Write down spending"

    def _budget(self) -> PersonalBudget:
        budget = selectors.budget_of(person=self.person)
        if budget is None:
            raise Http404
        return budget

    def get(
        self, request: AuthenticatedHttpRequest, person_id: int, form: SpendingForm | None = None
    ) -> HttpResponse:
        budget = self._budget()
        uses = selectors.active_uses(budget=budget)
        form = form or SpendingForm(
            initial={"spent_on": timezone.localdate().strftime("%d/%m/%Y")}, uses=uses
        )
        return render(
            request,
            "reviews/spending.html",
            {"person": self.person, "budget": budget, "form": form},
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        budget = self._budget()
        uses = selectors.active_uses(budget=budget)
        form = SpendingForm(request.POST, uses=uses)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        use = next(u for u in uses if u.pk == form.cleaned_data["use"])
        services.record_spending(
            use=use,
            amount=form.cleaned_data["amount"],
            spent_on=form.cleaned_data["spent_on"],
            words=form.cleaned_data["words"],
            recorded_by=request.user,
        )
        messages.success(request, "Written down.")
        return redirect("reviews:budget", person_id=person_id)
