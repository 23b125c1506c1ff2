"""Review, goal and budget pages. Thin: each names one rule of the policy, fetches through
the user's scope and leaves the work to services.py and selectors.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from alongside.organisations.models import CouncilWorker
from alongside.people.models import Person
from alongside.people.sharing import Part
from alongside.policy import PersonPart
from alongside.policy.access import (
    AuthenticatedHttpRequest,
    PersonPageView,
    PolicyView,
    fetch_person,
)

from . import selectors, services
from .forms import (
    AskForReviewForm,
    BudgetChangeForm,
    BudgetSetUpForm,
    ConfirmForm,
    DecisionForm,
    DoingWhatMattersForm,
    GoalChangeForm,
    GoalForm,
    PreparationForm,
    SpendingForm,
    TaskQuestionForm,
    WhatMattersForm,
)
from .models import BudgetChange, Goal, PersonalBudget, Review, ReviewPreparation, Spending


def _messages_from(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


class ReviewsDueView(PolicyView):
    """A council worker's list: who is due a review, overdue first."""

    policy_rule = "reviews.see_reviews_due"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        reviews = selectors.reviews_due(user=request.user)
        page = Paginator(reviews, 25).get_page(request.GET.get("page"))
        return render(
            request,
            "reviews/due.html",
            {"page": page, "total": reviews.count(), "today": timezone.localdate()},
        )


class ReviewsPartView(PersonPageView):
    """A page about the `reviews` part of one person's record."""

    policy_rule = "reviews.see_reviews"

    def get_policy_object(self) -> PersonPart:  # type: ignore[override]
        return PersonPart(fetch_person(self.request.user, self.kwargs["person_id"]), Part.REVIEWS)

    @property
    def person(self) -> Person:
        return self.policy_object.person


class MyReviewsView(ReviewsPartView):
    """The person's reviews and goals: the next review, the ones before, and their goals."""

    audit_page = "Reviews and goals"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        return render(
            request,
            "reviews/mine.html",
            {
                "person": self.person,
                "review": selectors.open_review(person=self.person),
                "finished": selectors.finished_reviews(person=self.person)[:20],
                "goals": selectors.goals_of(person=self.person),
                "goal_form": GoalForm(),
            },
        )


class AskForReviewView(PersonPageView):
    policy_rule = "reviews.ask_for_review"
    audit_page = "Ask for a review"

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        form: AskForReviewForm | None = None,
    ) -> HttpResponse:
        return render(
            request,
            "reviews/ask.html",
            {"person": self.person, "form": form or AskForReviewForm()},
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        form = AskForReviewForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        review = services.ask_for_review(
            person=self.person,
            asked_by=request.user,
            words=form.cleaned_data["words"],
        )
        messages.success(
            request, f"You asked for a review. It will be by {review.due_on:%-d %B %Y}."
        )
        return redirect("reviews:mine", person_id=person_id)


class PrepareView(PersonPageView):
    """The person gets ready for their review: a draft that only they see until they share."""

    policy_rule = "reviews.prepare_review"
    audit_page = "Get ready for my review"

    def _review(self) -> Review:
        review = selectors.open_review(person=self.person)
        if review is None:
            raise Http404
        return review

    def _goal_choices(self) -> list[tuple[str, str]]:
        return [(str(g.pk), g.words) for g in selectors.goals_of(person=self.person)]

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        form: PreparationForm | None = None,
        conflict: ReviewPreparation | None = None,
    ) -> HttpResponse:
        review = self._review()
        preparation = ReviewPreparation.objects.filter(review=review).first()
        if form is None:
            initial: dict[str, Any] = {"version": 0}
            if preparation is not None:
                initial = {
                    "version": preparation.version,
                    "what_matters_now": preparation.what_matters_now,
                    "anything_else": preparation.anything_else,
                    "ready_to_share": preparation.ready_to_share,
                    "goals": [str(g.pk) for g in preparation.goals_to_talk_about.all()],
                }
            form = PreparationForm(initial=initial, goal_choices=self._goal_choices())
        return render(
            request,
            "reviews/prepare.html",
            {"person": self.person, "review": review, "form": form, "conflict": conflict},
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        review = self._review()
        form = PreparationForm(request.POST, goal_choices=self._goal_choices())
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        goals = Goal.objects.filter(person=self.person, pk__in=form.cleaned_data["goals"])
        try:
            services.save_preparation(
                review=review,
                written_by=request.user,
                expected_version=form.cleaned_data["version"],
                what_matters_now=form.cleaned_data["what_matters_now"],
                anything_else=form.cleaned_data["anything_else"],
                goals=goals,
                ready_to_share=form.cleaned_data["ready_to_share"],
            )
        except services.PreparationConflict as conflict:
            data = request.POST.copy()
            data["version"] = str(conflict.current.version)
            fresh = PreparationForm(data, goal_choices=self._goal_choices())
            fresh.is_valid()
            return self.get(request, person_id, form=fresh, conflict=conflict.current)
        messages.success(request, "Saved. You can change it any time before your review.")
        return redirect("reviews:mine", person_id=person_id)


class ConductReviewView(PersonPageView):
    """The review itself. It opens with one blank question, "What matters to you?", then
    shows what is already known for the person to confirm or change."""

    policy_rule = "reviews.conduct_review"
    audit_page = "Review"

    def _review(self) -> Review:
        return get_object_or_404(Review, pk=self.kwargs["review_id"], person=self.person)

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        review_id: int,
        **state: Any,
    ) -> HttpResponse:
        """`state` carries forms with errors, a conflict, or error messages to show."""
        what_form: WhatMattersForm | None = state.get("what_form")
        doing_form: DoingWhatMattersForm | None = state.get("doing_form")
        conflict: Review | None = state.get("conflict")
        confirm_errors: dict[str, ConfirmForm] = state.get("confirm_errors") or {}
        task_form: TaskQuestionForm | None = state.get("task_form")
        goal_form: GoalForm | None = state.get("goal_form")
        errors: list[str] = state.get("errors") or []
        review = self._review()
        if not review.is_open:
            return redirect("reviews:record", person_id=person_id, review_id=review_id)
        known = selectors.known_for_review(review=review, viewer=request.user)
        for thing in known:
            thing.form = confirm_errors.get(thing.key) or ConfirmForm(  # type: ignore[attr-defined]
                initial={
                    "answer": thing.confirmation.answer if thing.confirmation else None,
                    "new_words": thing.confirmation.new_words if thing.confirmation else "",
                },
                prefix=thing.key.replace(":", "-"),
            )
        preparation = ReviewPreparation.objects.filter(review=review, ready_to_share=True).first()
        goals = list(selectors.goals_of(person=self.person))
        has_errors = bool(
            errors
            or confirm_errors
            or conflict
            or (what_form and what_form.errors)
            or (doing_form and doing_form.errors)
            or (task_form and task_form.errors)
            or (goal_form and goal_form.errors)
        )
        return render(
            request,
            "reviews/conduct.html",
            {
                "person": self.person,
                "review": review,
                "what_form": what_form
                or WhatMattersForm(
                    initial={"version": review.version, "what_matters": review.what_matters}
                ),
                "doing_form": doing_form
                or DoingWhatMattersForm(
                    initial={
                        "version": review.version,
                        "doing_what_matters": review.doing_what_matters,
                        "doing_what_matters_words": review.doing_what_matters_words,
                    }
                ),
                "known": known,
                "preparation": preparation,
                "goals": [
                    (
                        g,
                        GoalChangeForm(
                            initial={
                                "version": g.version,
                                "words": g.words,
                                "progress": g.progress,
                            },
                            prefix=f"goal-{g.pk}",
                        ),
                    )
                    for g in goals
                ],
                "goal_form": goal_form or GoalForm(),
                "task_questions": review.task_questions.all(),
                "task_form": task_form or TaskQuestionForm(),
                "conflict": conflict,
                "errors": errors or [],
                "has_errors": has_errors,
            },
        )

    def post(
        self, request: AuthenticatedHttpRequest, person_id: int, review_id: int
    ) -> HttpResponse:
        review = self._review()
        if not review.is_open:
            raise Http404
        user: Any = request.user
        # The first answer starts the review, and names the council worker who did it.
        council_worker = CouncilWorker.objects.get(user_id=user.pk)
        services.start_review(review=review, council_worker=council_worker)
        what = request.POST.get("what")
        if what == "confirm":
            key = request.POST.get("key", "")
            thing = selectors.known_label(review=review, viewer=user, key=key)
            if thing is None:
                raise Http404
            form = ConfirmForm(request.POST, prefix=key.replace(":", "-"))
            if not form.is_valid():
                return self.get(request, person_id, review_id, confirm_errors={key: form})
            try:
                confirmation = services.confirm_known(
                    review=review,
                    key=key,
                    label=thing.label,
                    answer=form.cleaned_data["answer"],
                    new_words=form.cleaned_data["new_words"],
                    answered_by=user,
                )
            except ValidationError as error:
                return self.get(request, person_id, review_id, errors=_messages_from(error))
            if confirmation.proposal_id:
                messages.success(
                    request,
                    f"“{thing.label}”: the new words wait for "
                    f"{self.person.preferred_name} to agree.",
                )
            else:
                messages.success(request, f"“{thing.label}”: noted.")
            return redirect(f"{request.path}#known-{key.replace(':', '-')}")
        if what == "task":
            task_form = TaskQuestionForm(request.POST)
            if not task_form.is_valid():
                return self.get(request, person_id, review_id, task_form=task_form)
            services.add_task_question(
                review=review,
                task=task_form.cleaned_data["task"],
                answer=task_form.cleaned_data["answer"],
                added_by=user,
            )
            messages.success(request, "Added the question about a task.")
            return redirect(f"{request.path}#tasks")
        if what == "goal":
            goal_form = GoalForm(request.POST)
            if not goal_form.is_valid():
                return self.get(request, person_id, review_id, goal_form=goal_form)
            services.add_goal(
                person=self.person,
                words=goal_form.cleaned_data["words"],
                added_by=user,
                review=review,
            )
            messages.success(request, "Added the goal.")
            return redirect(f"{request.path}#goals")
        if what == "goal_progress":
            goal = get_object_or_404(Goal, pk=request.POST.get("goal"), person=self.person)
            goal_change = GoalChangeForm(request.POST, prefix=f"goal-{goal.pk}")
            if not goal_change.is_valid():
                return self.get(
                    request,
                    person_id,
                    review_id,
                    errors=[str(e) for es in goal_change.errors.values() for e in es],
                )
            try:
                services.change_goal(
                    goal=goal,
                    changed_by=user,
                    expected_version=goal_change.cleaned_data["version"],
                    words=goal_change.cleaned_data["words"],
                    progress=goal_change.cleaned_data["progress"],
                )
            except services.GoalConflict:
                return self.get(
                    request,
                    person_id,
                    review_id,
                    errors=["Someone else changed this goal. Look at it again and save."],
                )
            messages.success(request, "Saved the goal.")
            return redirect(f"{request.path}#goals")
        if what == "finish":
            try:
                services.complete_review(
                    review=review,
                    completed_by=user,
                    expected_version=int(request.POST.get("version", "0") or 0),
                )
            except services.ReviewConflict as conflict:
                return self.get(request, person_id, review_id, conflict=conflict.current)
            except ValidationError as error:
                return self.get(request, person_id, review_id, errors=_messages_from(error))
            messages.success(request, "The review is finished.")
            return redirect("reviews:record", person_id=person_id, review_id=review_id)
        return self._save_answers(request, person_id, review_id, review, what or "")

    def _save_answers(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        review_id: int,
        review: Review,
        what: str,
    ) -> HttpResponse:
        form: WhatMattersForm | DoingWhatMattersForm
        if what == "what_matters":
            form = WhatMattersForm(request.POST)
            keyword = "what_form"
        elif what == "doing":
            form = DoingWhatMattersForm(request.POST)
            keyword = "doing_form"
        else:
            raise Http404
        if not form.is_valid():
            return self.get(request, person_id, review_id, **{keyword: form})
        answers = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        try:
            services.save_review_answers(
                review=review,
                changed_by=request.user,
                expected_version=form.cleaned_data["version"],
                **answers,
            )
        except services.ReviewConflict as conflict:
            # Keep the writer's words in the box; show the newer saved words beside them.
            data = request.POST.copy()
            data["version"] = str(conflict.current.version)
            fresh = type(form)(data)
            fresh.is_valid()
            return self.get(
                request, person_id, review_id, conflict=conflict.current, **{keyword: fresh}
            )
        messages.success(request, "Saved.")
        anchor = "#what-matters" if what == "what_matters" else "#doing"
        return redirect(f"{request.path}{anchor}")


class ReviewRecordView(ReviewsPartView):
    """A finished review, in easy read, for the person and those they share it with."""

    audit_page = "Review record"

    def get(
        self, request: AuthenticatedHttpRequest, person_id: int, review_id: int
    ) -> HttpResponse:
        review = get_object_or_404(
            Review.objects.select_related("council_worker__user"),
            pk=review_id,
            person=self.person,
        )
        return render(
            request,
            "reviews/record.html",
            {
                "person": self.person,
                "review": review,
                "confirmations": review.confirmations.select_related("proposal"),
                "task_questions": review.task_questions.all(),
                "goals_set": review.goals_set.all(),
                "goals": selectors.goals_of(person=self.person),
            },
        )


class GoalAddView(PersonPageView):
    policy_rule = "reviews.change_goals"

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        form = GoalForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
            return redirect("reviews:mine", person_id=person_id)
        services.add_goal(
            person=self.person,
            words=form.cleaned_data["words"],
            added_by=request.user,
        )
        messages.success(request, "Added your goal.")
        return redirect("reviews:mine", person_id=person_id)


class GoalView(PersonPageView):
    """Change one goal: its words, or how it is going."""

    policy_rule = "reviews.change_goals"
    audit_page = "A goal"

    def _goal(self) -> Goal:
        return get_object_or_404(Goal, pk=self.kwargs["goal_id"], person=self.person)

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        goal_id: int,
        form: GoalChangeForm | None = None,
        conflict: Goal | None = None,
    ) -> HttpResponse:
        goal = self._goal()
        form = form or GoalChangeForm(
            initial={"version": goal.version, "words": goal.words, "progress": goal.progress}
        )
        return render(
            request,
            "reviews/goal.html",
            {"person": self.person, "goal": goal, "form": form, "conflict": conflict},
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int, goal_id: int) -> HttpResponse:
        goal = self._goal()
        form = GoalChangeForm(request.POST)
        if not form.is_valid():
            return self.get(request, person_id, goal_id, form=form)
        try:
            services.change_goal(
                goal=goal,
                changed_by=request.user,
                expected_version=form.cleaned_data["version"],
                words=form.cleaned_data["words"],
                progress=form.cleaned_data["progress"],
            )
        except services.GoalConflict as conflict:
            data = request.POST.copy()
            data["version"] = str(conflict.current.version)
            fresh = GoalChangeForm(data)
            fresh.is_valid()
            return self.get(request, person_id, goal_id, form=fresh, conflict=conflict.current)
        messages.success(request, "Saved your goal.")
        return redirect("reviews:mine", person_id=person_id)


# --- Budget ------------------------------------------------------------------------------


class BudgetPartView(PersonPageView):
    """A page about the `budget` part of one person's record."""

    policy_rule = "reviews.see_budget"

    def get_policy_object(self) -> PersonPart:  # type: ignore[override]
        return PersonPart(fetch_person(self.request.user, self.kwargs["person_id"]), Part.BUDGET)

    @property
    def person(self) -> Person:
        return self.policy_object.person

    def budget(self) -> PersonalBudget | None:
        return PersonalBudget.objects.filter(person=self.person).first()


class BudgetView(BudgetPartView):
    audit_page = "Personal budget"

    def get(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        budget = self.budget()
        summary = selectors.budget_summary(budget=budget) if budget else None
        changes = budget.changes.select_related("proposed_by")[:10] if budget else []
        spending = (
            Spending.objects.filter(use__budget=budget).select_related("use")[:20] if budget else []
        )
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
        budget = PersonalBudget.objects.filter(person=self.person).first()
        if budget is None:
            raise Http404
        return budget

    def _uses(self, budget: PersonalBudget) -> list[Any]:
        return list(budget.uses.filter(is_active=True).order_by("position", "pk"))

    def get(
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        form: BudgetChangeForm | None = None,
        errors: list[str] | None = None,
    ) -> HttpResponse:
        budget = self._budget()
        uses = self._uses(budget)
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
        try:
            change = services.propose_budget_change(
                budget=budget,
                proposed_by=request.user,
                expected_version=form.cleaned_data["version"],
                lines=[services.UseLine(*line) for line in form.lines()],
                why=form.cleaned_data["why"],
            )
        except services.BudgetConflict as conflict:
            return self.get(request, person_id, form=form, errors=[str(conflict)])
        except ValidationError as error:
            return self.get(request, person_id, form=form, errors=_messages_from(error))
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
        return get_object_or_404(
            BudgetChange.objects.select_related("budget", "proposed_by", "recommended_by"),
            pk=self.kwargs["change_id"],
            budget__person=self.person,
        )

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
        current = list(change.budget.uses.filter(is_active=True))
        return render(
            request,
            "reviews/budget_decision.html",
            {
                "person": self.person,
                "change": change,
                "lines": change.lines.select_related("use"),
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
        if PersonalBudget.objects.filter(person=self.person).exists():
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
        budget = PersonalBudget.objects.filter(person=self.person).first()
        if budget is None:
            raise Http404
        return budget

    def get(
        self, request: AuthenticatedHttpRequest, person_id: int, form: SpendingForm | None = None
    ) -> HttpResponse:
        budget = self._budget()
        uses = list(budget.uses.filter(is_active=True))
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
        uses = list(budget.uses.filter(is_active=True))
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
