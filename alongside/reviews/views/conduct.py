"""The review itself, conducted by the council worker: one page, and one small view per
thing the worker does on it (issue 16, item 4). Each action fetches and authorises in one
call (the person through the worker's scope, then their open review), checks its form,
starts the review if this is its first answer, calls one service and goes back to the page.
A form with mistakes shows the page again with the mistakes; nothing is saved."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from alongside.policy.access import AuthenticatedHttpRequest, PersonPageView

from .. import selectors, services
from ..forms import (
    ConfirmForm,
    DoingWhatMattersForm,
    GoalChangeForm,
    GoalForm,
    TaskQuestionForm,
    WhatMattersForm,
)
from ..models import Review


def _messages_from(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


class ReviewPageView(PersonPageView):
    """The page every conduct view shows: it opens with one blank question, "What matters
    to you?", then shows what is already known for the person to confirm or change."""

    policy_rule = "reviews.conduct_review"
    audit_page = "Review"

    def review(self) -> Review:
        return selectors.review_of(person=self.person, review_id=self.kwargs["review_id"])

    def show(self, request: AuthenticatedHttpRequest, review: Review, **state: Any) -> HttpResponse:
        """`state` carries forms with errors, a conflict, or error messages to show."""
        what_form: WhatMattersForm | None = state.get("what_form")
        doing_form: DoingWhatMattersForm | None = state.get("doing_form")
        conflict: Review | None = state.get("conflict")
        confirm_errors: dict[str, ConfirmForm] = state.get("confirm_errors") or {}
        task_form: TaskQuestionForm | None = state.get("task_form")
        goal_form: GoalForm | None = state.get("goal_form")
        errors: list[str] = state.get("errors") or []
        known = selectors.known_for_review(review=review, viewer=request.user)
        for thing in known:
            thing.form = confirm_errors.get(thing.key) or ConfirmForm(  # type: ignore[attr-defined]
                initial={
                    "answer": thing.confirmation.answer if thing.confirmation else None,
                    "new_words": thing.confirmation.new_words if thing.confirmation else "",
                },
                prefix=thing.key.replace(":", "-"),
            )
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
                "preparation": selectors.shared_preparation(review=review),
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
                "task_questions": selectors.task_questions_of(review=review),
                "task_form": task_form or TaskQuestionForm(),
                "conflict": conflict,
                "errors": errors or [],
                "has_errors": has_errors,
            },
        )


class ConductReviewView(ReviewPageView):
    """The review page. A finished review shows its record instead."""

    def get(
        self, request: AuthenticatedHttpRequest, person_id: int, review_id: int
    ) -> HttpResponse:
        review = self.review()
        if not review.is_open:
            return redirect("reviews:record", person_id=person_id, review_id=review_id)
        return self.show(request, review)


class ReviewActionView(ReviewPageView):
    """One thing the council worker does in an open review (POST only: a GET is "not
    allowed" for those who may conduct the review, and missing for everyone else)."""

    def post(
        self, request: AuthenticatedHttpRequest, person_id: int, review_id: int
    ) -> HttpResponse:
        review = self.review()
        if not review.is_open:
            raise Http404
        return self.act(request, review)

    def act(self, request: AuthenticatedHttpRequest, review: Review) -> HttpResponse:
        raise NotImplementedError

    def start(self, review: Review) -> None:
        """The first answer starts the review, and names the council worker who did it."""
        services.start_review(
            review=review, council_worker=selectors.council_worker_of(user=self.request.user)
        )

    def back_to_page(self, review: Review, anchor: str = "") -> HttpResponse:
        page = reverse("reviews:conduct", args=[self.person.pk, review.pk])
        return redirect(f"{page}{anchor}")


class ConfirmKnownView(ReviewActionView):
    """The person says something already known is still right, or should change."""

    def act(self, request: AuthenticatedHttpRequest, review: Review) -> HttpResponse:
        key = request.POST.get("key", "")
        thing = selectors.known_label(review=review, viewer=request.user, key=key)
        if thing is None:
            raise Http404
        form = ConfirmForm(request.POST, prefix=key.replace(":", "-"))
        if not form.is_valid():
            return self.show(request, review, confirm_errors={key: form})
        self.start(review)
        try:
            confirmation = services.confirm_known(
                review=review,
                key=key,
                label=thing.label,
                answer=form.cleaned_data["answer"],
                new_words=form.cleaned_data["new_words"],
                answered_by=request.user,
            )
        except ValidationError as error:
            return self.show(request, review, errors=_messages_from(error))
        if confirmation.proposal_id:
            messages.success(
                request,
                f"“{thing.label}”: the new words wait for {self.person.preferred_name} to agree.",
            )
        else:
            messages.success(request, f"“{thing.label}”: noted.")
        return self.back_to_page(review, f"#known-{key.replace(':', '-')}")


class AddTaskQuestionView(ReviewActionView):
    """A question about a task the person does, and their answer."""

    def act(self, request: AuthenticatedHttpRequest, review: Review) -> HttpResponse:
        form = TaskQuestionForm(request.POST)
        if not form.is_valid():
            return self.show(request, review, task_form=form)
        self.start(review)
        services.add_task_question(
            review=review,
            task=form.cleaned_data["task"],
            answer=form.cleaned_data["answer"],
            added_by=request.user,
        )
        messages.success(request, "Added the question about a task.")
        return self.back_to_page(review, "#tasks")


class AddReviewGoalView(ReviewActionView):
    """A new goal in the person's words, set in this review."""

    def act(self, request: AuthenticatedHttpRequest, review: Review) -> HttpResponse:
        form = GoalForm(request.POST)
        if not form.is_valid():
            return self.show(request, review, goal_form=form)
        self.start(review)
        services.add_goal(
            person=self.person,
            words=form.cleaned_data["words"],
            added_by=request.user,
            review=review,
        )
        messages.success(request, "Added the goal.")
        return self.back_to_page(review, "#goals")


class ReviewGoalProgressView(ReviewActionView):
    """How one of the person's goals is going, said in the review."""

    def act(self, request: AuthenticatedHttpRequest, review: Review) -> HttpResponse:
        goal = selectors.goal_of(person=self.person, goal_id=request.POST.get("goal"))
        form = GoalChangeForm(request.POST, prefix=f"goal-{goal.pk}")
        if not form.is_valid():
            return self.show(
                request, review, errors=[str(e) for es in form.errors.values() for e in es]
            )
        self.start(review)
        try:
            services.change_goal(
                goal=goal,
                changed_by=request.user,
                expected_version=form.cleaned_data["version"],
                words=form.cleaned_data["words"],
                progress=form.cleaned_data["progress"],
            )
        except services.GoalConflict:
            return self.show(
                request,
                review,
                errors=["Someone else changed this goal. Look at it again and save."],
            )
        messages.success(request, "Saved the goal.")
        return self.back_to_page(review, "#goals")


class FinishReviewView(ReviewActionView):
    """The review is finished: the next one is planned, and its record can be read."""

    def act(self, request: AuthenticatedHttpRequest, review: Review) -> HttpResponse:
        version = request.POST.get("version", "0") or "0"
        if not version.isdigit():
            return self.show(request, review, errors=["Open the review again and finish it."])
        self.start(review)
        try:
            services.complete_review(
                review=review,
                completed_by=request.user,
                expected_version=int(version),
            )
        except services.ReviewConflict as conflict:
            return self.show(request, review, conflict=conflict.current)
        except ValidationError as error:
            return self.show(request, review, errors=_messages_from(error))
        messages.success(request, "The review is finished.")
        return redirect("reviews:record", person_id=self.person.pk, review_id=review.pk)


class _AnswersView(ReviewActionView):
    form_class: type[WhatMattersForm] | type[DoingWhatMattersForm]
    keyword = ""
    anchor = ""

    def act(self, request: AuthenticatedHttpRequest, review: Review) -> HttpResponse:
        form = self.form_class(request.POST)
        if not form.is_valid():
            return self.show(request, review, **{self.keyword: form})
        self.start(review)
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
            fresh = self.form_class(data)
            fresh.is_valid()
            return self.show(request, review, conflict=conflict.current, **{self.keyword: fresh})
        messages.success(request, "Saved.")
        return self.back_to_page(review, self.anchor)


class WhatMattersView(_AnswersView):
    """The person's answer to "What matters to you?"."""

    form_class = WhatMattersForm
    keyword = "what_form"
    anchor = "#what-matters"


class DoingWhatMattersView(_AnswersView):
    """Whether the person is doing the things that matter to them, in their words."""

    form_class = DoingWhatMattersForm
    keyword = "doing_form"
    anchor = "#doing"
