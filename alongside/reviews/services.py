"""Changes to reviews, goals and personal budgets. Each one is kept (django-simple-history)
and written to the person's audit trail in words they can read.

Nothing in a review edits About me or the plan directly: a change agreed in a review becomes
a proposal that waits for the person's answer (alongside.people.about_me).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from alongside.audit.services import record_change
from alongside.concurrency import EditConflict, claim_next_version
from alongside.people.about_me import propose_about_me_change, propose_plan_change, section_for
from alongside.people.models import PLAN_FIELDS, Person, Proposal
from alongside.people.sharing import ABOUT_ME_PARTS, Part
from alongside.saving import save_and_record, set_history_user

from . import notifications
from .models import (
    BudgetApprover,
    BudgetChange,
    BudgetChangeLine,
    BudgetUse,
    Confirmation,
    Goal,
    GoalProgress,
    PersonalBudget,
    Review,
    ReviewPreparation,
    ReviewStatus,
    Spending,
    TaskQuestion,
)
from .money import pounds

if TYPE_CHECKING:
    from alongside.accounts.models import User
    from alongside.organisations.models import CouncilWorker

# A review a year, unless the person asks for one sooner.
REVIEW_EVERY = datetime.timedelta(days=365)
# When the person asks for a review, it is due within four weeks.
ASKED_FOR_WITHIN = datetime.timedelta(days=28)


class ReviewConflict(EditConflict):
    """Someone saved the review after this editor opened it. Carries the saved review."""

    message = "Someone else changed this review while you were writing."


class PreparationConflict(EditConflict):
    message = "Someone else changed this while you were writing."


class GoalConflict(EditConflict):
    message = "Someone else changed this goal while you were writing."


class BudgetConflict(EditConflict):
    """The budget changed after the change was proposed (or the form was opened). Raised
    with the words to show; `current` is the saved budget when the raiser has it."""

    def __init__(self, message: str, current: Any = None) -> None:
        self.message = message
        super().__init__(current)


def _who(user: User | None, person: Person) -> str:
    if user is None:
        return "Someone"
    return "You" if user.pk == person.user_id else user.display_name


def _today() -> datetime.date:
    return timezone.localdate()


# --- Reviews -----------------------------------------------------------------------------


def open_review(*, person: Person) -> Review | None:
    return person.reviews.exclude(status=ReviewStatus.COMPLETED).first()


def schedule_review(*, person: Person, due_on: datetime.date, scheduled_by: User | None) -> Review:
    """The person's next review, due on `due_on`. Only one review is open at a time."""
    if open_review(person=person) is not None:
        raise ValidationError("There is already a review waiting for this person.")
    review = Review(person=person, due_on=due_on)
    save_and_record(
        obj=review,
        by=scheduled_by,
        person=person,
        action="review_due",
        summary=f"Your next review is due on {due_on:%-d %B %Y}",
    )
    return review


def ask_for_review(*, person: Person, asked_by: User, words: str) -> Review:
    """The person (or a supporter helping them) asks for a review sooner than planned."""
    with transaction.atomic():
        Person.objects.select_for_update().get(pk=person.pk)
        review = open_review(person=person)
        soon = _today() + ASKED_FOR_WITHIN
        if review is None:
            review = Review(person=person, due_on=soon)
            save_and_record(
                obj=review,
                by=asked_by,
            )
        review.asked_for_by_person = True
        review.asked_for_words = words.strip()
        review.due_on = min(review.due_on, soon)
        review.version += 1
        set_history_user(review, asked_by)
        # Only these fields: what was said in a review under way is never overwritten.
        Review.objects.filter(pk=review.pk).update(version=F("version") + 1)
        review.save(update_fields=["asked_for_by_person", "asked_for_words", "due_on"])
        record_change(
            person=person,
            changed_by=asked_by,
            action="review_asked_for",
            summary=f"{_who(asked_by, person)} asked for a review",
        )
    return review


def _claim(review: Review, expected_version: int) -> None:
    claim_next_version(obj=review, expected_version=expected_version, conflict=ReviewConflict)


def start_review(*, review: Review, council_worker: CouncilWorker) -> Review:
    """The council worker opens the review. Nothing is asked yet."""
    if review.status == ReviewStatus.DUE:
        review.status = ReviewStatus.IN_PROGRESS
        review.started_on = _today()
        review.council_worker = council_worker
        set_history_user(review, council_worker.user)
        review.save(update_fields=["status", "started_on", "council_worker"])
    return review


REVIEW_ANSWER_FIELDS = ("what_matters", "doing_what_matters", "doing_what_matters_words")


def save_review_answers(
    *, review: Review, changed_by: User, expected_version: int, **answers: str
) -> Review:
    """Save what the person said in the review. Raises ReviewConflict if someone saved the
    review since `expected_version`; the caller keeps the writer's words."""
    unknown = set(answers) - set(REVIEW_ANSWER_FIELDS)
    if unknown:
        raise ValidationError(f"Unknown review answers: {sorted(unknown)}")
    if not review.is_open:
        raise ValidationError("This review is finished. It cannot be changed.")
    with transaction.atomic():
        _claim(review, expected_version)
        for name, value in answers.items():
            setattr(review, name, value.strip())
        if review.status == ReviewStatus.DUE:
            review.status = ReviewStatus.IN_PROGRESS
            review.started_on = _today()
        review.updated_at = timezone.now()
        review.updated_by = changed_by
        save_and_record(
            obj=review,
            by=changed_by,
            person=review.person,
            action="review_written",
            summary=f"{_who(changed_by, review.person)} wrote in your review",
        )
    return review


def complete_review(*, review: Review, completed_by: User, expected_version: int) -> Review:
    """Finish the review: it records the day, and the next review is due a year later."""
    if not review.what_matters.strip():
        raise ValidationError({"what_matters": "Write what matters to the person first."})
    if not review.doing_what_matters:
        raise ValidationError(
            {"doing_what_matters": "Say if the person is doing the things that matter to them."}
        )
    with transaction.atomic():
        _claim(review, expected_version)
        review.status = ReviewStatus.COMPLETED
        review.completed_on = _today()
        review.updated_at = timezone.now()
        review.updated_by = completed_by
        save_and_record(
            obj=review,
            by=completed_by,
        )
        next_due = review.completed_on + REVIEW_EVERY
        following = Review(person=review.person, due_on=next_due)
        save_and_record(
            obj=following,
            by=completed_by,
            person=review.person,
            action="review_completed",
            summary=f"Your review is finished. The next one is due on {next_due:%-d %B %Y}",
        )
        offer_what_matters_to_about_me(review=review, offered_by=completed_by)
    return review


def offer_what_matters_to_about_me(*, review: Review, offered_by: User) -> Proposal | None:
    """Told once, remembered: the answer to "What matters to you?" is offered to the person
    as a suggestion to add to "What matters to me" in About me. Nothing changes until they
    (or a supporter they allow) say yes. None if About me already says it, or the same
    suggestion is already waiting."""
    person, answer = review.person, review.what_matters.strip()
    if not answer:
        return None
    section = section_for(person=person, part=Part.WHAT_MATTERS)
    if answer.casefold() in section.text.casefold():
        return None
    # Added below what the person wrote already: their words are kept, never replaced.
    text = f"{section.text.rstrip()}\n\n{answer}" if section.text.strip() else answer
    waiting = Proposal.objects.filter(
        person=person,
        part=Part.WHAT_MATTERS,
        status=Proposal.Status.WAITING,
        proposed_text=text,
    )
    if waiting.exists():
        return None
    when = review.completed_on or timezone.localdate()
    return propose_about_me_change(
        person=person,
        part=Part.WHAT_MATTERS,
        text=text,
        proposed_by=offered_by,
        note=f"You said this at your review on {when:%-d %B %Y}. Add it to your About me?",
    )


def save_preparation(
    *,
    review: Review,
    written_by: User,
    expected_version: int,
    what_matters_now: str,
    anything_else: str,
    goals: Iterable[Goal],
    ready_to_share: bool,
) -> ReviewPreparation:
    """The person's own notes for their review: a draft they control."""
    preparation, _ = ReviewPreparation.objects.get_or_create(review=review)
    goals = list(goals)
    if any(g.person_id != review.person_id for g in goals):
        raise ValidationError("Choose your own goals.")
    with transaction.atomic():
        claim_next_version(
            obj=preparation, expected_version=expected_version, conflict=PreparationConflict
        )
        preparation.what_matters_now = what_matters_now.strip()
        preparation.anything_else = anything_else.strip()
        preparation.ready_to_share = ready_to_share
        preparation.updated_at = timezone.now()
        preparation.updated_by = written_by
        save_and_record(
            obj=preparation,
            by=written_by,
        )
        preparation.goals_to_talk_about.set(goals)
        record_change(
            person=review.person,
            changed_by=written_by,
            action="review_prepared",
            summary=f"{_who(written_by, review.person)} got ready for the review",
        )
    return preparation


def _propose_for(
    *, person: Person, key: str, new_words: str, proposed_by: User, note: str
) -> Proposal | None:
    """A change agreed in the review to About me or the plan, as a proposal for the person."""
    kind, _, name = key.partition(":")
    if kind == "about_me" and name in ABOUT_ME_PARTS:
        return propose_about_me_change(
            person=person, part=name, text=new_words, proposed_by=proposed_by, note=note
        )
    if kind == "plan" and name in PLAN_FIELDS:
        return propose_plan_change(
            person=person, proposed_by=proposed_by, note=note, **{name: new_words}
        )
    return None


def confirm_known(
    *,
    review: Review,
    key: str,
    label: str,
    answer: str,
    new_words: str,
    answered_by: User,
) -> Confirmation:
    """The answer to "Is this still right?" about one thing already known.

    "Change it" for About me or the plan makes a proposal that the person agrees or not on
    their suggestions page; nothing already written is changed here.
    """
    if not review.is_open:
        raise ValidationError("This review is finished. It cannot be changed.")
    confirmation = Confirmation.objects.filter(review=review, key=key).first() or Confirmation(
        review=review, key=key
    )
    confirmation.label = label[:200]
    confirmation.answer = answer
    confirmation.new_words = new_words.strip() if answer == Confirmation.Answer.CHANGE else ""
    confirmation.answered_by = answered_by
    confirmation.answered_at = timezone.now()
    set_history_user(confirmation, answered_by)
    confirmation.full_clean(exclude=["proposal"])
    with transaction.atomic():
        if answer == Confirmation.Answer.CHANGE:
            confirmation.proposal = _propose_for(
                person=review.person,
                key=key,
                new_words=confirmation.new_words,
                proposed_by=answered_by,
                note="Agreed in your review",
            )
        confirmation.save()
        said = "is still right" if answer == Confirmation.Answer.STILL_RIGHT else "should change"
        record_change(
            person=review.person,
            changed_by=answered_by,
            action="review_confirmed",
            summary=f"In your review: “{confirmation.label}” {said}",
        )
    return confirmation


def add_task_question(*, review: Review, task: str, answer: str, added_by: User) -> TaskQuestion:
    """A question about a daily task, only because the person or worker chose to add it."""
    if not review.is_open:
        raise ValidationError("This review is finished. It cannot be changed.")
    question = TaskQuestion(review=review, task=task.strip(), answer=answer.strip())
    question.added_by = added_by
    save_and_record(
        obj=question,
        by=added_by,
        person=review.person,
        action="review_task_question",
        summary=f"{_who(added_by, review.person)} added a question about “{question.task}”",
    )
    return question


# --- Goals -------------------------------------------------------------------------------


def add_goal(*, person: Person, words: str, added_by: User, review: Review | None = None) -> Goal:
    """A goal in the person's own words."""
    goal = Goal(person=person, words=words.strip(), set_in_review=review)
    save_and_record(
        obj=goal,
        by=added_by,
        person=person,
        action="goal_added",
        summary=f"{_who(added_by, person)} added a goal: “{goal.words[:80]}”",
    )
    return goal


def change_goal(
    *, goal: Goal, changed_by: User, expected_version: int, words: str, progress: str
) -> Goal:
    """Change a goal's words or progress. Raises GoalConflict if someone saved first."""
    if progress not in GoalProgress.values:
        raise ValidationError({"progress": "Choose how the goal is going."})
    with transaction.atomic():
        claim_next_version(obj=goal, expected_version=expected_version, conflict=GoalConflict)
        if goal.progress != progress:
            goal.progress_changed_on = _today()
        goal.progress = progress
        goal.words = words.strip()
        save_and_record(
            obj=goal,
            by=changed_by,
            person=goal.person,
            action="goal_changed",
            summary=f"{_who(changed_by, goal.person)} changed a goal: "
            f"“{goal.words[:60]}” is {goal.get_progress_display().lower()}",
        )
    return goal


# --- Personal budget ---------------------------------------------------------------------


@dataclass(frozen=True)
class UseLine:
    """One use as it should be after a change. `use_id` None is a new use."""

    use_id: int | None
    words: str
    amount: Decimal


def set_up_budget(
    *,
    person: Person,
    amount: Decimal,
    period: str,
    starts_on: datetime.date,
    uses: Sequence[tuple[str, Decimal]],
    set_up_by: User | None,
) -> PersonalBudget:
    """The person's budget as the council agreed it, shared between the uses they chose."""
    if sum((a for _, a in uses), Decimal("0.00")) != amount:
        raise ValidationError("The uses must add up to the whole budget.")
    budget = PersonalBudget(person=person, amount=amount, period=period, starts_on=starts_on)
    set_history_user(budget, set_up_by)
    budget.full_clean()
    with transaction.atomic():
        budget.save()
        for position, (words, use_amount) in enumerate(uses):
            use = BudgetUse(budget=budget, words=words, amount=use_amount, position=position)
            use.full_clean()
            use.save()
        record_change(
            person=person,
            changed_by=set_up_by,
            action="budget_set_up",
            summary=f"Your personal budget: {pounds(amount)} {budget.get_period_display()}",
        )
    return budget


def propose_budget_change(
    *,
    budget: PersonalBudget,
    proposed_by: User,
    expected_version: int,
    lines: Sequence[UseLine],
    why: str = "",
) -> BudgetChange:
    """The person (or a supporter helping with the budget) asks to share the budget out
    differently. If the uses add up to the same total, the council worker agrees it in one
    step; if they add up to more, it needs the council's approval too."""
    if budget.version != expected_version:
        raise BudgetConflict("Your budget changed while you were writing. Look again.")
    if not lines:
        raise ValidationError("Keep at least one use of your budget.")
    current = {u.pk: u for u in budget.uses.filter(is_active=True)}
    for line in lines:
        if line.use_id is not None and line.use_id not in current:
            raise ValidationError("That use is not part of this budget.")
        if not line.words.strip():
            raise ValidationError("Say what each use is for, in your words.")
        if line.amount < 0:
            raise ValidationError("An amount cannot be less than nothing.")
    new_total = sum((line.amount for line in lines), Decimal("0.00"))
    if new_total < budget.amount:
        raise ValidationError(
            f"The uses add up to {pounds(new_total)}. Your budget is {pounds(budget.amount)} "
            f"{budget.get_period_display()}. Share out the other "
            f"{pounds(budget.amount - new_total)} too."
        )
    unchanged = len(lines) == len(current) and all(
        line.use_id in current
        and current[line.use_id].amount == line.amount
        and current[line.use_id].words == line.words.strip()
        for line in lines
    )
    if unchanged:
        raise ValidationError("This is the same as your budget now.")
    if budget.changes.filter(
        status__in=[BudgetChange.Status.PROPOSED, BudgetChange.Status.RECOMMENDED]
    ).exists():
        raise ValidationError("There is already a change waiting. Wait for the answer first.")
    with transaction.atomic():
        change = BudgetChange(
            budget=budget,
            old_total=budget.amount,
            new_total=new_total,
            based_on_version=budget.version,
            why=why.strip(),
            proposed_by=proposed_by,
        )
        save_and_record(
            obj=change,
            by=proposed_by,
        )
        for line in lines:
            row = BudgetChangeLine(
                change=change, use_id=line.use_id, words=line.words.strip(), amount=line.amount
            )
            row.full_clean()
            row.save()
        more = f" (a rise to {pounds(new_total)})" if change.raises_total else ""
        record_change(
            person=budget.person,
            changed_by=proposed_by,
            action="budget_change_proposed",
            summary=f"{_who(proposed_by, budget.person)} asked to change how the budget "
            f"is used{more}",
        )
    return change


def _apply(*, change: BudgetChange, decided_by: User) -> None:
    """Make the budget what the change says, if nobody changed it since the proposal."""
    budget = change.budget
    claimed = PersonalBudget.objects.filter(pk=budget.pk, version=change.based_on_version).update(
        version=F("version") + 1, amount=change.new_total, updated_at=timezone.now()
    )
    if claimed != 1:
        raise BudgetConflict("The budget changed after this was asked for.")
    budget.refresh_from_db()
    kept: set[int] = set()
    for position, line in enumerate(change.lines.all()):
        if line.use_id is not None:
            use = BudgetUse.objects.get(pk=line.use_id)
        else:
            use = BudgetUse(budget=budget)
        use.words, use.amount, use.position, use.is_active = line.words, line.amount, position, True
        save_and_record(
            obj=use,
            by=decided_by,
        )
        kept.add(use.pk)
    for use in budget.uses.filter(is_active=True).exclude(pk__in=kept):
        use.is_active = False
        set_history_user(use, decided_by)
        use.save(update_fields=["is_active"])
    total = sum((u.amount for u in budget.uses.filter(is_active=True)), Decimal("0.00"))
    if total != budget.amount:  # the invariant: the uses share out the whole budget
        raise ValidationError("The uses do not add up to the budget.")


def _lock_status(change: BudgetChange) -> None:
    """Re-read the change's status under a row lock (call inside a transaction), so two
    answers at once (or an answer and the person taking it back) cannot both go through."""
    change.status = (
        BudgetChange.objects.select_for_update().values_list("status", flat=True).get(pk=change.pk)
    )


def _decide(change: BudgetChange, *, status: str, by: User, note: str = "") -> None:
    change.status = status
    change.decided_by = by
    change.decided_at = timezone.now()
    change.decision_note = note.strip()
    set_history_user(change, by)
    change.save()


def agree_budget_change(*, change: BudgetChange, agreed_by: User) -> BudgetChange:
    """The council worker agrees a change that keeps the total: one step, done at once.

    A change that raises the total cannot be agreed here: it needs the council's approval
    (recommend_budget_change, then approve_budget_change by a budget approver)."""
    if change.raises_total:
        raise PermissionDenied("A rise in the budget needs the council's approval.")
    with transaction.atomic():
        _lock_status(change)
        if change.status != BudgetChange.Status.PROPOSED:
            raise ValidationError("This change has already been answered.")
        _apply(change=change, decided_by=agreed_by)
        _decide(change, status=BudgetChange.Status.AGREED, by=agreed_by)
        record_change(
            person=change.budget.person,
            changed_by=agreed_by,
            action="budget_change_agreed",
            summary=f"{agreed_by.display_name} agreed the change to how your budget is used",
        )
        notifications.budget_change_decided(change=change)
    return change


def recommend_budget_change(
    *, change: BudgetChange, recommended_by: User, note: str = ""
) -> BudgetChange:
    """The council worker supports a rise and sends it for the council's approval."""
    if not change.raises_total:
        raise ValidationError("This change keeps the total. Agree it instead.")
    with transaction.atomic():
        _lock_status(change)
        if change.status != BudgetChange.Status.PROPOSED:
            raise ValidationError("This change has already been answered.")
        change.status = BudgetChange.Status.RECOMMENDED
        change.recommended_by = recommended_by
        change.recommended_at = timezone.now()
        change.decision_note = note.strip()
        set_history_user(change, recommended_by)
        change.save()
        record_change(
            person=change.budget.person,
            changed_by=recommended_by,
            action="budget_change_recommended",
            summary=f"{recommended_by.display_name} sent your budget rise for the council's "
            "approval",
        )
    return change


def is_budget_approver(*, user: User, council_id: int) -> bool:
    return BudgetApprover.objects.filter(
        council_worker__user=user, council_worker__council_id=council_id
    ).exists()


def approve_budget_change(*, change: BudgetChange, approved_by: User) -> BudgetChange:
    """A budget approver of the person's council approves a recommended rise. The approver
    cannot be the council worker who recommended it (ADR 0041)."""
    if not is_budget_approver(user=approved_by, council_id=change.budget.person.council_id):
        raise PermissionDenied("Only a budget approver of the council approves a rise.")
    if change.recommended_by_id == approved_by.pk:
        raise PermissionDenied("Someone else must approve a rise you recommended.")
    with transaction.atomic():
        _lock_status(change)
        if change.status != BudgetChange.Status.RECOMMENDED:
            raise PermissionDenied(
                "A rise is approved only after the council worker recommends it."
            )
        _apply(change=change, decided_by=approved_by)
        _decide(change, status=BudgetChange.Status.AGREED, by=approved_by)
        record_change(
            person=change.budget.person,
            changed_by=approved_by,
            action="budget_change_approved",
            summary=f"{approved_by.display_name} approved your budget rise to "
            f"{pounds(change.new_total)}",
        )
        notifications.budget_change_decided(change=change)
    return change


def decline_budget_change(*, change: BudgetChange, declined_by: User, note: str) -> BudgetChange:
    """Say no to a change, with the reason in plain words."""
    if not note.strip():
        raise ValidationError({"note": "Say why, so the person understands."})
    with transaction.atomic():
        _lock_status(change)
        if not change.is_open:
            raise ValidationError("This change has already been answered.")
        _decide(change, status=BudgetChange.Status.DECLINED, by=declined_by, note=note)
        record_change(
            person=change.budget.person,
            changed_by=declined_by,
            action="budget_change_declined",
            summary=f"{declined_by.display_name} did not agree the change to your budget",
        )
        notifications.budget_change_decided(change=change)
    return change


def withdraw_budget_change(*, change: BudgetChange, withdrawn_by: User) -> BudgetChange:
    """The person (or a supporter who may change the budget) takes back a change that the
    council has not answered yet. Nothing about the budget changes."""
    with transaction.atomic():
        _lock_status(change)
        if not change.is_open:
            raise ValidationError("The council has already answered this change.")
        _decide(change, status=BudgetChange.Status.WITHDRAWN, by=withdrawn_by)
        person = change.budget.person
        record_change(
            person=person,
            changed_by=withdrawn_by,
            action="budget_change_withdrawn",
            summary=f"{_who(withdrawn_by, person)} took back the change to your budget",
        )
    return change


def record_spending(
    *, use: BudgetUse, amount: Decimal, spent_on: datetime.date, words: str, recorded_by: User
) -> Spending:
    """Money spent on one use of the budget."""
    if not use.is_active:
        raise ValidationError("This use has stopped. Choose another one.")
    spending = Spending(
        use=use, amount=amount, spent_on=spent_on, words=words.strip(), recorded_by=recorded_by
    )
    save_and_record(
        obj=spending,
        by=recorded_by,
        person=use.budget.person,
        action="budget_spent",
        summary=f"{_who(recorded_by, use.budget.person)} wrote down {pounds(amount)} spent on "
        f"“{use.words}”",
    )
    return spending


def name_budget_approver(*, council_worker: CouncilWorker, named_by: User | None) -> Any:
    """Name a council worker who approves budget rises for their council (ADR 0041)."""
    approver, _ = BudgetApprover.objects.get_or_create(council_worker=council_worker)
    return approver
