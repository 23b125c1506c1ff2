"""Review, goal and budget pages. Thin: each names one rule of the policy, fetches through
the user's scope and leaves the work to services.py and selectors.py."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from alongside import drafts
from alongside.people.sharing import Part
from alongside.policy.access import (
    AuthenticatedHttpRequest,
    PersonPageView,
    PersonPartPageView,
    PolicyView,
)

from .. import selectors, services
from ..forms import (
    AskForReviewForm,
    GoalChangeForm,
    GoalForm,
    PreparationForm,
)
from ..models import Goal, Review, ReviewPreparation


def _messages_from(error: ValidationError) -> list[str]:
    return [str(m) for m in error.messages]


class ReviewsDueView(PolicyView):
    """A council worker's list: who is due a review, overdue first."""

    policy_rule = "reviews.see_reviews_due"

    def get(self, request: AuthenticatedHttpRequest) -> HttpResponse:
        page, total = selectors.reviews_due_page(user=request.user, page=request.GET.get("page"))
        return render(
            request,
            "reviews/due.html",
            {"page": page, "total": total, "today": timezone.localdate()},
        )


class ReviewsPartView(PersonPartPageView):
    """A page about the `reviews` part of one person's record."""

    policy_rule = "reviews.see_reviews"
    policy_part = Part.REVIEWS


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
        preparation = selectors.preparation_of(review=review)
        unsent = drafts.kept(request, _preparation_key(review))
        if form is None and unsent is not None:
            # Back from "Check your answers": every answer as the person left it.
            form = PreparationForm(
                initial=drafts.initial_from(unsent, multiple=("goals",)),
                goal_choices=self._goal_choices(),
            )
        if form is None:
            initial: dict[str, Any] = {"version": 0}
            if preparation is not None:
                initial = {
                    "version": preparation.version,
                    "what_matters_now": preparation.what_matters_now,
                    "anything_else": preparation.anything_else,
                    "ready_to_share": preparation.ready_to_share,
                    "goals": selectors.goal_ids_to_talk_about(preparation=preparation),
                }
            form = PreparationForm(initial=initial, goal_choices=self._goal_choices())
        return render(
            request,
            "reviews/prepare.html",
            {
                "person": self.person,
                "review": review,
                "form": form,
                "conflict": conflict,
                "tasks": selectors.preparation_tasks(
                    person=self.person, preparation=preparation, waiting_to_send=unsent is not None
                ),
            },
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        review = self._review()
        form = PreparationForm(request.POST, goal_choices=self._goal_choices())
        if not form.is_valid():
            return self.get(request, person_id, form=form)
        if form.cleaned_data["ready_to_share"]:
            # Sharing is sending: the person checks their answers first, and only "Send"
            # saves anything.
            drafts.keep(request, _preparation_key(review), request.POST, PREPARATION_FIELDS)
            return redirect("reviews:prepare-check", person_id=person_id)
        drafts.forget(request, _preparation_key(review))
        goals = selectors.goals_with_ids(person=self.person, goal_ids=form.cleaned_data["goals"])
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


PREPARATION_FIELDS = ["version", "what_matters_now", "goals", "anything_else", "ready_to_share"]


def _preparation_key(review: Review) -> str:
    return f"review-preparation-{review.pk}"


class PrepareCheckView(PrepareView):
    """Check your answers before they are sent to the council worker. Each "Change" goes
    back to its question with every answer kept; only "Send" saves."""

    audit_page = "Check my answers before my review"

    def get(  # type: ignore[override]
        self,
        request: AuthenticatedHttpRequest,
        person_id: int,
        errors: list[str] | None = None,
    ) -> HttpResponse:
        review = self._review()
        unsent = drafts.kept(request, _preparation_key(review))
        form = None
        if unsent is not None:
            form = PreparationForm(unsent, goal_choices=self._goal_choices())
            if not form.is_valid():
                return PrepareView.get(self, request, person_id, form=form)
        chosen = (
            selectors.chosen_goals(person=self.person, goal_ids=form.cleaned_data["goals"])
            if form
            else []
        )
        return render(
            request,
            "reviews/prepare_check.html",
            {
                "person": self.person,
                "review": review,
                "answers": form.cleaned_data if form else None,
                "chosen_goals": chosen,
                "has_goals": bool(self._goal_choices()),
                "errors": errors or [],
            },
        )

    def post(self, request: AuthenticatedHttpRequest, person_id: int) -> HttpResponse:
        review = self._review()
        unsent = drafts.kept(request, _preparation_key(review))
        if unsent is None:
            return redirect("reviews:prepare", person_id=person_id)
        form = PreparationForm(unsent, goal_choices=self._goal_choices())
        if not form.is_valid():
            return PrepareView.get(self, request, person_id, form=form)
        goals = selectors.goals_with_ids(person=self.person, goal_ids=form.cleaned_data["goals"])
        try:
            services.save_preparation(
                review=review,
                written_by=request.user,
                expected_version=form.cleaned_data["version"],
                what_matters_now=form.cleaned_data["what_matters_now"],
                anything_else=form.cleaned_data["anything_else"],
                goals=goals,
                ready_to_share=True,
            )
        except services.PreparationConflict as conflict:
            # Someone saved it meanwhile: back to the form with these answers kept beside it.
            data = unsent.copy()
            data["version"] = str(conflict.current.version)
            drafts.keep(request, _preparation_key(review), data, PREPARATION_FIELDS)
            fresh = PreparationForm(data, goal_choices=self._goal_choices())
            fresh.is_valid()
            return PrepareView.get(self, request, person_id, form=fresh, conflict=conflict.current)
        drafts.forget(request, _preparation_key(review))
        messages.success(request, "Sent. Your council worker can read it before your review.")
        return redirect("reviews:mine", person_id=person_id)


class ReviewRecordView(ReviewsPartView):
    """A finished review, in easy read, for the person and those they share it with."""

    audit_page = "Review record"

    def get(
        self, request: AuthenticatedHttpRequest, person_id: int, review_id: int
    ) -> HttpResponse:
        review = selectors.review_record_of(person=self.person, review_id=review_id)
        return render(
            request,
            "reviews/record.html",
            {
                "person": self.person,
                "review": review,
                "confirmations": selectors.confirmations_of(review=review),
                "task_questions": selectors.task_questions_of(review=review),
                "goals_set": selectors.goals_set_at(review=review),
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
        return selectors.goal_of(person=self.person, goal_id=self.kwargs["goal_id"])

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
