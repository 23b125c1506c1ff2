"""Why the rota is as it is, in plain words, for each person.

Every reason given for "your chosen worker is not with you" is checked by a counterfactual:
the session is given to the chosen worker (in place of a worker they did not choose) and
either the independent checker finds the rule named broken, or the rota costs more in the
way named. A reason that does not hold is never shown (tests/rota/test_reasons.py).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from .checker import check_rota
from .problem import HardRule, Rota, RotaProblem, SupportSession
from .solver import WhyNot, why_not_given

# The rule the checker reports for each reason that names a hard rule.
RULE_OF_REASON = {
    WhyNot.SKILL: HardRule.SKILLS,
    WhyNot.LEAVE: HardRule.AVAILABLE,
    WhyNot.SICK: HardRule.AVAILABLE,
    WhyNot.NOT_AVAILABLE: HardRule.AVAILABLE,
    WhyNot.NOT_WANTED: HardRule.NOT_WANTED,
    WhyNot.PERSONAL_CARE: HardRule.PERSONAL_CARE,
    WhyNot.BUSY: HardRule.ONE_PLACE,
    WhyNot.REST: HardRule.REST,
    WhyNot.HOURS: HardRule.WEEKLY_HOURS,
}
REASON_OF_RULE = {
    HardRule.SKILLS: WhyNot.SKILL,
    HardRule.AVAILABLE: WhyNot.NOT_AVAILABLE,
    HardRule.NOT_WANTED: WhyNot.OTHER_NEED,
    HardRule.PERSONAL_CARE: WhyNot.OTHER_NEED,
    HardRule.ONE_PLACE: WhyNot.BUSY,
    HardRule.REST: WhyNot.REST,
    HardRule.WEEKLY_HOURS: WhyNot.HOURS,
}


@dataclass(frozen=True)
class CostParts:
    """The solver's soft goals for a rota, part by part (in weight x minutes)."""

    chosen_by_person: dict[str, int]  # minutes with a worker the person did not choose
    team_by_person: dict[str, int]  # distinct workers a person has
    contract_short: int
    fair: int

    def total(self, problem: RotaProblem) -> float:
        w = problem.weights
        return (
            w.preferred_hours * sum(self.chosen_by_person.values())
            + w.continuity * 60 * sum(self.team_by_person.values())
            + w.contracted_hours * self.contract_short
            + self.fair
        ) / 60


def cost_parts(problem: RotaProblem, rota: Rota) -> CostParts:
    """The soft goals of `rota`, as the solver's objective counts them (`objective_of`)."""
    w = problem.weights
    chosen: dict[str, int] = defaultdict(int)
    team: dict[str, set[str]] = defaultdict(set)
    worked: dict[str, int] = defaultdict(int)
    weekends: dict[str, int] = defaultdict(int)
    nights: dict[str, int] = defaultdict(int)
    for s in problem.sessions:
        for wid in rota.get(s.id, ()):
            worked[wid] += s.minutes
            weekends[wid] += s.is_weekend
            nights[wid] += s.is_night
            for p in s.people:
                team[p].add(wid)
                preferred = problem.choices_of(p).preferred
                if preferred and wid not in preferred:
                    chosen[p] += s.minutes
    short = sum(
        max(0, wk.contracted_minutes - worked[wk.id])
        for wk in problem.workers
        if wk.contracted_minutes
    )
    fair = (
        w.fair_weekends_nights
        * 60
        * (max(weekends.values(), default=0) + max(nights.values(), default=0))
    )
    return CostParts(dict(chosen), {p: len(ids) for p, ids in team.items()}, short, fair)


def _given_to(session: SupportSession, rota: Rota, chosen: str, instead: str | None) -> Rota:
    on_it = [w for w in rota.get(session.id, ()) if w != instead]
    if len(on_it) >= session.workers_needed:
        on_it = on_it[: session.workers_needed - 1]
    return {**rota, session.id: (*on_it, chosen)}


def _soft_reason(
    problem: RotaProblem, before: CostParts, after: CostParts, person: str
) -> str | None:
    """The part that costs more when the chosen worker is given the session, or None."""
    w = problem.weights
    rises: list[tuple[float, str]] = []
    others = set(before.team_by_person) | set(after.team_by_person)
    others.discard(person)
    more_team_others = sum(
        after.team_by_person.get(p, 0) - before.team_by_person.get(p, 0) for p in others
    )
    if w.continuity and more_team_others > 0:
        rises.append((w.continuity * 60 * more_team_others, WhyNot.NEW_WORKER_FOR_OTHERS))
    more_team_mine = after.team_by_person.get(person, 0) - before.team_by_person.get(person, 0)
    if w.continuity and more_team_mine > 0:
        rises.append((w.continuity * 60 * more_team_mine, WhyNot.MORE_WORKERS_FOR_YOU))
    more_unchosen_others = sum(
        after.chosen_by_person.get(p, 0) - before.chosen_by_person.get(p, 0)
        for p in set(after.chosen_by_person) | set(before.chosen_by_person)
        if p != person
    )
    if w.preferred_hours and more_unchosen_others > 0:
        rises.append((w.preferred_hours * more_unchosen_others, WhyNot.OTHER_NEED))
    if w.contracted_hours and after.contract_short > before.contract_short:
        rises.append(
            (w.contracted_hours * (after.contract_short - before.contract_short), WhyNot.CONTRACT)
        )
    if after.fair > before.fair:  # zero when the fairness weight is zero
        rises.append((after.fair - before.fair, WhyNot.FAIR))
    if not rises:
        return None
    return max(rises)[1]


def reason_not_given(
    problem: RotaProblem, rota: Rota, session: SupportSession, worker_id: str, person: str
) -> str:
    """Why the chosen worker is not on this session of the person's, checked by giving it
    to them: either the rule named breaks, or the cost named rises."""
    workers = {w.id: w for w in problem.workers}
    on_it = rota.get(session.id, ())
    preferred = problem.choices_of(person).preferred
    hard = why_not_given(problem, rota, session, workers[worker_id])
    # Give the session to the chosen worker in place of each worker the person did not
    # choose (or in an empty place); keep the cheapest.
    places: list[str | None] = [w for w in on_it if w not in preferred]
    if len(on_it) < session.workers_needed:
        places.append(None)
    if not places:
        return WhyNot.CHOSEN_OTHER  # every place is already a worker the person chose
    old = {(b.rule, b.session_id, b.worker_id) for b in check_rota(problem, rota)}
    before = cost_parts(problem, rota)
    best: tuple[float, str] | None = None
    for instead in places:
        trial = _given_to(session, rota, worker_id, instead)
        broken = [
            b.rule
            for b in check_rota(problem, trial)
            if b.worker_id == worker_id and (b.rule, b.session_id, b.worker_id) not in old
        ]
        if broken:
            named = hard if hard and RULE_OF_REASON.get(hard) in broken else None
            reason = named or REASON_OF_RULE[broken[0]]
            if reason == WhyNot.NOT_WANTED and person not in _not_wanting(
                problem, session, worker_id
            ):
                reason = WhyNot.OTHER_NEED
            if reason == WhyNot.PERSONAL_CARE and person not in problem.personal_care_refused(
                session, worker_id
            ):
                reason = WhyNot.OTHER_NEED  # a housemate's rule: never say whose or what
            candidate = (float("inf"), reason)
        else:
            after = cost_parts(problem, trial)
            rise = after.total(problem) - before.total(problem)
            # A trade-off is only named when the rota as a whole would cost more; if it would
            # not, the honest answer is that the solver did not find that rota.
            soft = _soft_reason(problem, before, after, person) if rise > 0 else None
            candidate = (rise, soft or WhyNot.NOT_FOUND)
        if best is None or candidate[0] < best[0]:
            best = candidate
    assert best is not None
    if best[0] <= 0 and preferred & set(on_it):
        return WhyNot.CHOSEN_OTHER
    return best[1]


def _not_wanting(problem: RotaProblem, session: SupportSession, worker_id: str) -> set[str]:
    return {p for p in session.people if worker_id in problem.choices_of(p).not_wanted}


@dataclass(frozen=True)
class ChosenWorkerNote:
    worker_id: str
    sessions_given: int
    sessions_not_given: int
    reasons: tuple[tuple[str, int], ...]  # (reason, how many sessions), most common first


@dataclass(frozen=True)
class PersonExplanation:
    person: str
    minutes: int
    minutes_with_chosen: int
    chosen: tuple[ChosenWorkerNote, ...]

    @property
    def share_with_chosen(self) -> float:
        return self.minutes_with_chosen / self.minutes if self.minutes else 0.0


def explain_for_person(problem: RotaProblem, rota: Rota, person: str) -> PersonExplanation:
    """The share of the person's hours with workers they chose, and for each chosen worker
    the reasons they were not on the person's other sessions."""
    preferred = problem.choices_of(person).preferred
    workers = {w.id: w for w in problem.workers}
    theirs = [s for s in problem.sessions if person in s.people]
    minutes = sum(s.minutes for s in theirs if rota.get(s.id))
    with_chosen = sum(s.minutes for s in theirs if preferred & set(rota.get(s.id, ())))
    notes = []
    for worker_id in sorted(preferred):
        if worker_id not in workers:
            continue
        given = 0
        reasons: Counter[str] = Counter()
        for session in theirs:
            if worker_id in rota.get(session.id, ()):
                given += 1
                continue
            reasons[reason_not_given(problem, rota, session, worker_id, person)] += 1
        notes.append(
            ChosenWorkerNote(
                worker_id=worker_id,
                sessions_given=given,
                sessions_not_given=sum(reasons.values()),
                reasons=tuple(reasons.most_common()),
            )
        )
    return PersonExplanation(
        person=person, minutes=minutes, minutes_with_chosen=with_chosen, chosen=tuple(notes)
    )
