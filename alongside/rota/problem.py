"""The rota for one service and one week, as plain data.

Nothing here touches the database: the solver, the checker, the benchmark and the tests all
work on these dataclasses. Times are minutes from Monday 00:00 of the week (a waking night
that starts on Sunday evening may end after 10,080, on the next Monday morning).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

MINUTES_IN_DAY = 24 * 60
MINUTES_IN_WEEK = 7 * MINUTES_IN_DAY
# At least 11 hours between working days; a working day lasts at most 24 - 11 = 13 hours.
REST_MINUTES = 11 * 60
LONGEST_WORKING_DAY_MINUTES = MINUTES_IN_DAY - REST_MINUTES
# The legal weekly limit unless the worker has opted out of it in writing.
LEGAL_WEEKLY_MINUTES = 48 * 60
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


class SessionKind(StrEnum):
    ONE_TO_ONE = "one_to_one"
    TWO_TO_ONE = "two_to_one"
    SHARED = "shared"
    SLEEP_IN = "sleep_in"
    WAKING_NIGHT = "waking_night"


SESSION_KIND_WORDS = {
    SessionKind.ONE_TO_ONE: "one-to-one support",
    SessionKind.TWO_TO_ONE: "two-to-one support",
    SessionKind.SHARED: "shared support",
    SessionKind.SLEEP_IN: "sleep-in",
    SessionKind.WAKING_NIGHT: "waking night",
}


class HardRule(StrEnum):
    """The rules every rota must keep. The words are shown to managers."""

    COVERED = "covered"
    SKILLS = "skills"
    AVAILABLE = "available"
    ONE_PLACE = "one_place"
    NOT_WANTED = "not_wanted"
    REST = "rest"
    WEEKLY_HOURS = "weekly_hours"
    PERSONAL_CARE = "personal_care"


HARD_RULE_WORDS = {
    HardRule.COVERED: "Every session has the number of workers it needs",
    HardRule.SKILLS: "Every worker on a session has the skills it needs",
    HardRule.AVAILABLE: "Workers only work when they are available",
    HardRule.ONE_PLACE: "No worker is in two places at once",
    HardRule.NOT_WANTED: "Never a worker the person would rather not work with",
    HardRule.REST: "At least 11 hours rest between a worker's working days",
    HardRule.WEEKLY_HOURS: "A worker's weekly hours stay within their maximum",
    HardRule.PERSONAL_CARE: "Personal care only from the workers the person said may give it",
}


@dataclass(frozen=True)
class SupportSession:
    """One session of support in the week, for one person or several (shared support)."""

    id: str
    people: tuple[str, ...]
    start: int
    end: int
    kind: SessionKind = SessionKind.ONE_TO_ONE
    workers_needed: int = 1
    skills: frozenset[str] = frozenset()
    # The session includes personal care: only workers the person allows may do it.
    personal_care: bool = False

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def is_weekend(self) -> bool:
        return self.start // MINUTES_IN_DAY % 7 >= 5

    @property
    def is_night(self) -> bool:
        return self.kind in (SessionKind.SLEEP_IN, SessionKind.WAKING_NIGHT)


@dataclass(frozen=True)
class Absence:
    start: int
    end: int
    reason: str = "leave"  # "leave" or "sickness"


@dataclass(frozen=True)
class RotaWorker:
    """A support worker as the rota sees them."""

    id: str
    name: str = ""
    skills: frozenset[str] = frozenset()
    # When they can work this week: (start, end) windows, before absences are taken away.
    available: tuple[tuple[int, int], ...] = ((0, MINUTES_IN_WEEK + MINUTES_IN_DAY),)
    absences: tuple[Absence, ...] = ()
    contracted_minutes: int = 0
    max_minutes: int = LEGAL_WEEKLY_MINUTES
    opted_out_of_48_hours: bool = False

    @property
    def limit_minutes(self) -> int:
        if self.opted_out_of_48_hours:
            return self.max_minutes
        return min(self.max_minutes, LEGAL_WEEKLY_MINUTES)


@dataclass(frozen=True)
class TeamChoices:
    """One person's choices about who supports them."""

    preferred: frozenset[str] = frozenset()
    not_wanted: frozenset[str] = frozenset()
    # Who may give the person personal care (worker ids); None means anyone.
    personal_care_by: frozenset[str] | None = None


@dataclass(frozen=True)
class RotaWeights:
    """How much each soft goal counts. An organisation can change these."""

    preferred_hours: int = 10
    continuity: int = 30
    contracted_hours: int = 3
    fair_weekends_nights: int = 20


@dataclass(frozen=True)
class RotaProblem:
    sessions: tuple[SupportSession, ...]
    workers: tuple[RotaWorker, ...]
    choices: dict[str, TeamChoices] = field(default_factory=dict)
    weights: RotaWeights = field(default_factory=RotaWeights)

    def choices_of(self, person: str) -> TeamChoices:
        return self.choices.get(person, TeamChoices())

    def personal_care_refused(self, session: SupportSession, worker_id: str) -> list[str]:
        """The people on a personal-care session who do not allow this worker to give it."""
        if not session.personal_care:
            return []
        return [
            p
            for p in session.people
            if (allowed := self.choices_of(p).personal_care_by) is not None
            and worker_id not in allowed
        ]


# A rota: session id -> the workers on it.
Rota = dict[str, tuple[str, ...]]


@dataclass(frozen=True)
class UncoveredSession:
    session_id: str
    missing: int
    reason: str


@dataclass
class RotaResult:
    rota: Rota
    uncovered: list[UncoveredSession]
    status: str  # "optimal", "feasible", or "start" (the starting rota: nothing better in time)
    objective: float
    best_bound: float
    wall_seconds: float
    # CP-SAT's deterministic time used (the same on a busy and a quiet machine).
    deterministic_seconds: float = 0.0
    # What ended the search: "proof", "work done" (deterministic limit) or "clock".
    stopped_by: str = ""

    @property
    def gap(self) -> float:
        if self.objective == 0:
            return 0.0 if self.best_bound == 0 else 1.0
        return abs(self.objective - self.best_bound) / abs(self.objective)


def overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def rest_kept(a: SupportSession, b: SupportSession) -> bool:
    """Whether one worker may do both sessions as far as rest goes.

    Two sessions that do not overlap are either in the same working day (from the start of
    the first to the end of the second is at most 13 hours) or have at least 11 hours
    between them.
    """
    first, second = (a, b) if a.start <= b.start else (b, a)
    if overlaps(first.start, first.end, second.start, second.end):
        return True  # overlapping is the "one place" rule, not this one
    if second.start - first.end >= REST_MINUTES:
        return True
    return max(first.end, second.end) - first.start <= LONGEST_WORKING_DAY_MINUTES


def one_worker_cannot_do_both(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether one worker cannot do two sessions at these (start, end) times: they overlap,
    or they are neither in one working day nor 11 hours apart (see `rest_kept`)."""
    (a_start, a_end), (b_start, b_end) = sorted((a, b))
    if overlaps(a_start, a_end, b_start, b_end):
        return True
    if b_start - a_end >= REST_MINUTES:
        return False
    return max(a_end, b_end) - a_start > LONGEST_WORKING_DAY_MINUTES


def conflict_cliques(times: list[tuple[int, int]]) -> list[list[int]]:
    """Groups of sessions (indices into `times`) of which one worker can do at most one.

    Every pair one worker cannot both do is inside at least one group, every group is such
    pairs only, and every index is in some group. The solver writes one "at most one" per
    group and worker instead of one per pair: far fewer constraints for a large service,
    and each is a stronger cut (a clique of the conflict graph, not only its edges).
    Greedy: in time order, each session starts a group with the first later session it
    clashes with that is not yet covered, and takes in every later session that clashes
    with all of the group.
    """
    order = sorted(range(len(times)), key=lambda i: times[i])
    later: dict[int, list[int]] = {}
    for n, i in enumerate(order):
        end = times[i][1]
        clashing = []
        for j in order[n + 1 :]:
            if times[j][0] >= end + REST_MINUTES:
                break
            if one_worker_cannot_do_both(times[i], times[j]):
                clashing.append(j)
        later[i] = clashing
    clash = {i: set(js) for i, js in later.items()}
    covered: set[tuple[int, int]] = set()
    cliques: list[list[int]] = []
    in_some: set[int] = set()
    for i in order:
        for j in later[i]:
            if (i, j) in covered:
                continue
            group = [i, j]
            for k in later[i]:
                if k != j and all(k in clash[g] or g in clash[k] for g in group[1:]):
                    group.append(k)
            for a_n, a in enumerate(group):
                for b in group[a_n + 1 :]:
                    covered.add((a, b))
                    covered.add((b, a))
            cliques.append(group)
            in_some.update(group)
    cliques.extend([i] for i in order if i not in in_some)
    return cliques


def describe_time(minute: int) -> str:
    day = DAY_NAMES[minute // MINUTES_IN_DAY % 7]
    hours, minutes = divmod(minute % MINUTES_IN_DAY, 60)
    return f"{day} {hours:02d}:{minutes:02d}"


def describe_session(session: SupportSession) -> str:
    end_clock = f"{(session.end % MINUTES_IN_DAY) // 60:02d}:{session.end % 60:02d}"
    return f"{SESSION_KIND_WORDS[session.kind]}, {describe_time(session.start)} to {end_clock}"
