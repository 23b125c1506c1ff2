"""The rota solver: OR-Tools CP-SAT for one service and one week.

Pure: a `RotaProblem` in, a `RotaResult` out, no database. Hard rules are constraints,
except cover, which is a heavily weighted goal so that when the rules cannot all hold the
solver still returns the best rota it can, with each session it could not cover flagged
and the reason given. See docs/adr/0010-rota-solver.md.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from alongside.words import counted

from .problem import (
    Rota,
    RotaProblem,
    RotaResult,
    RotaWorker,
    SupportSession,
    UncoveredSession,
    conflict_cliques,
    overlaps,
    rest_kept,
)

# Services with this many households or more: part of the time goes to improving the
# starting rota one household at a time (see `_improve_by_groups`), at most this long each.
MIN_GROUPS_TO_IMPROVE = 4
# Services with this many households or more get the "fewest workers" cuts. A one-house
# service is proven by search in well under a second; there the cuts only slow it (1,500
# services of 3-4 people: 195 s wall with them, 163 s without; ADR 0012).
MIN_GROUPS_FOR_CUTS = 2
IMPROVE_SHARE = 0.35
MAX_SECONDS_A_GROUP = 2.0
# Above this many (session, worker) choices the "max_lp" worker is not used (see below).
MAX_LP_VARIABLES = 15_000


class WhyNot:
    """Why a worker is not on a session, in words a person or manager can read."""

    SKILL = "does not have the skill this session needs"
    LEAVE = "on leave"
    SICK = "off sick"
    NOT_AVAILABLE = "not available at that time"
    NOT_WANTED = "you would rather not work with them"
    PERSONAL_CARE = "you asked for personal care only from certain workers"
    BUSY = "supporting someone else at that time"
    REST = "needs 11 hours rest between working days"
    HOURS = "hours used up this week"
    CHOSEN_OTHER = "another worker you chose was with you"
    OTHER_NEED = "another person's need at that time"
    # The soft reasons: each is only given when giving the session to the chosen worker
    # really costs that (see explain.reason_not_given).
    FAIR = "to share weekends and nights fairly across the team"
    NEW_WORKER_FOR_OTHERS = "it would mean a new worker for someone you share support with"
    MORE_WORKERS_FOR_YOU = "it would mean more different workers for you this week"
    CONTRACT = "another worker needed those hours to make up their contracted hours"
    NOT_FOUND = "the rota did not find a way to fit them in; your manager can change it"


def why_not_eligible(
    problem: RotaProblem, session: SupportSession, worker: RotaWorker
) -> str | None:
    """The reason a worker can never be on this session, or None if they can."""
    if not session.skills <= worker.skills:
        return WhyNot.SKILL
    for absence in worker.absences:
        if overlaps(absence.start, absence.end, session.start, session.end):
            return WhyNot.SICK if absence.reason == "sickness" else WhyNot.LEAVE
    if not any(start <= session.start and session.end <= end for start, end in worker.available):
        return WhyNot.NOT_AVAILABLE
    if any(worker.id in problem.choices_of(p).not_wanted for p in session.people):
        return WhyNot.NOT_WANTED
    if problem.personal_care_refused(session, worker.id):
        return WhyNot.PERSONAL_CARE
    return None


def why_not_given(
    problem: RotaProblem, rota: Rota, session: SupportSession, worker: RotaWorker
) -> str | None:
    """Why an eligible worker is not on this session in `rota` (None if nothing stopped it)."""
    reason = why_not_eligible(problem, session, worker)
    if reason:
        return reason
    sessions = {s.id: s for s in problem.sessions}
    theirs = [sessions[sid] for sid, ws in rota.items() if worker.id in ws and sid != session.id]
    if any(overlaps(s.start, s.end, session.start, session.end) for s in theirs):
        return WhyNot.BUSY
    if any(not rest_kept(s, session) for s in theirs):
        return WhyNot.REST
    if sum(s.minutes for s in theirs) + session.minutes > worker.limit_minutes:
        return WhyNot.HOURS
    return None


def _uncovered_reason(problem: RotaProblem, rota: Rota, session: SupportSession) -> str:
    with_skill = [w for w in problem.workers if session.skills <= w.skills]
    if not with_skill:
        skills = ", ".join(sorted(session.skills))
        return f"No worker on the team has the skill needed ({skills})."
    reasons = [why_not_given(problem, rota, session, w) for w in with_skill]
    reasons = [
        r for r, w in zip(reasons, with_skill, strict=True) if w.id not in rota.get(session.id, ())
    ]
    counts: dict[str, int] = defaultdict(int)
    for reason in reasons:
        counts[reason or "could not be fitted in the time allowed"] += 1
    if set(counts) <= {WhyNot.LEAVE, WhyNot.SICK, WhyNot.NOT_AVAILABLE}:
        lead = "No worker with the skills is free then"
    elif set(counts) <= {WhyNot.LEAVE, WhyNot.SICK, WhyNot.NOT_AVAILABLE, WhyNot.NOT_WANTED}:
        lead = "The only workers free then are ones the person would rather not work with"
    elif set(counts) <= {
        WhyNot.LEAVE,
        WhyNot.SICK,
        WhyNot.NOT_AVAILABLE,
        WhyNot.NOT_WANTED,
        WhyNot.PERSONAL_CARE,
    }:
        lead = "The only workers free then are ones the person has not said may give personal care"
    else:
        lead = "No worker with the skills is free then"
    detail = "; ".join(workers_who(n, reason) for reason, n in sorted(counts.items()))
    return f"{lead} ({detail})."


# Each reason said of a number of workers: (one worker ..., many workers ...).
_OF_WORKERS: dict[str, tuple[str, str]] = {
    WhyNot.SKILL: ("does not have the skill", "do not have the skill"),
    WhyNot.LEAVE: ("is on leave", "are on leave"),
    WhyNot.SICK: ("is off sick", "are off sick"),
    WhyNot.NOT_AVAILABLE: ("is not available at that time", "are not available at that time"),
    WhyNot.NOT_WANTED: (
        "is someone the person would rather not work with",
        "are people the person would rather not work with",
    ),
    WhyNot.BUSY: ("is supporting someone else", "are supporting someone else"),
    WhyNot.REST: ("needs 11 hours rest", "need 11 hours rest"),
    WhyNot.HOURS: ("has used up their hours", "have used up their hours"),
    WhyNot.PERSONAL_CARE: (
        "is not someone the person allows to give personal care",
        "are not people the person allows to give personal care",
    ),
}


def workers_who(n: int, reason: str) -> str:
    """ "1 worker is on leave", "2 workers are on leave", "no workers are on leave"."""
    one, many = _OF_WORKERS.get(reason, (reason, reason))
    return counted(n, f"worker {one}", f"workers {many}")


def _at_most_one(model: cp_model.CpModel, literals: list[cp_model.IntVar]) -> None:
    # Written straight into the model: the same as add_at_most_one, without its per-literal
    # checks in Python, which dominate building a large model.
    model.proto.constraints.add().at_most_one.literals.extend(v.index for v in literals)


def _at_most_one_if(
    model: cp_model.CpModel, literals: list[cp_model.IntVar], used: cp_model.IntVar
) -> None:
    # sum(literals) <= used, written straight into the model (see above).
    linear = model.proto.constraints.add().linear
    linear.vars.extend([*(v.index for v in literals), used.index])
    linear.coeffs.extend([*([1] * len(literals)), -1])
    linear.domain.extend([-len(literals), 0])


@dataclass
class _Model:
    model: cp_model.CpModel
    x: dict[tuple[str, str], cp_model.IntVar]
    missing: dict[str, cp_model.IntVar]
    used: dict[tuple[str, str], cp_model.IntVar]
    short: dict[str, cp_model.IntVar]
    most: dict[str, cp_model.IntVar]
    # Whether a worker does any session of a family (see `_add_fewest_workers_cuts`).
    shared_by: list[tuple[cp_model.IntVar, str, list[str]]]


def _build(problem: RotaProblem, keep: Rota | None = None) -> _Model:
    model = cp_model.CpModel()
    w = problem.weights
    sessions = sorted(problem.sessions, key=lambda s: (s.start, s.end, s.id))
    x: dict[tuple[str, str], cp_model.IntVar] = {}
    used_vars: dict[tuple[str, str], cp_model.IntVar] = {}
    short_vars: dict[str, cp_model.IntVar] = {}
    most_vars: dict[str, cp_model.IntVar] = {}
    eligible: dict[str, list[RotaWorker]] = {}
    for s in sessions:
        eligible[s.id] = [wk for wk in problem.workers if why_not_eligible(problem, s, wk) is None]
        for wk in eligible[s.id]:
            x[s.id, wk.id] = model.new_bool_var(f"x_{s.id}_{wk.id}")

    # Cover: the workers on a session plus the ones missing make the number it needs.
    missing: dict[str, cp_model.IntVar] = {}
    for s in sessions:
        missing[s.id] = model.new_int_var(0, s.workers_needed, f"missing_{s.id}")
        model.add(sum(x[s.id, wk.id] for wk in eligible[s.id]) + missing[s.id] == s.workers_needed)

    # Sessions at the same times form one slot. Groups of slots of which one worker can do
    # at most one (overlapping, or too little rest between) are found once for everyone.
    slots: dict[tuple[int, int], list[SupportSession]] = defaultdict(list)
    for s in sessions:
        slots[s.start, s.end].append(s)
    slot_keys = sorted(slots)
    cliques = [[slot_keys[i] for i in c] for c in conflict_cliques(slot_keys)]
    for wk in problem.workers:
        for clique in cliques:
            vs = [x[s.id, wk.id] for key in clique for s in slots[key] if (s.id, wk.id) in x]
            if len(vs) > 1:
                _at_most_one(model, vs)
        mine = [(s, x[s.id, wk.id]) for s in sessions if (s.id, wk.id) in x]
        if sum(s.minutes for s, _ in mine) > wk.limit_minutes:
            model.add(sum(s.minutes * v for s, v in mine) <= wk.limit_minutes)

    # Soft goals. Costs are in "weight x minutes" so an hour counts the same everywhere.
    cost: list[cp_model.LinearExprT] = []
    upper = 0
    for s in sessions:
        for p in s.people:
            chosen = problem.choices_of(p).preferred
            for wk in eligible[s.id]:
                if chosen and wk.id not in chosen:
                    cost.append(w.preferred_hours * s.minutes * x[s.id, wk.id])
            upper += w.preferred_hours * s.minutes * s.workers_needed
    by_person: dict[str, dict[str, list[cp_model.IntVar]]] = defaultdict(lambda: defaultdict(list))
    session_by_id = {s.id: s for s in sessions}
    limit = {wk.id: wk.limit_minutes for wk in problem.workers}
    person_sessions: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for (sid, wid), v in x.items():
        for p in session_by_id[sid].people:
            by_person[p][wid].append(v)
            person_sessions[p][wid].append(sid)
    for p, per_worker in by_person.items():
        for wid, vs in per_worker.items():
            used = model.new_bool_var(f"team_{p}_{wid}")
            used_vars[p, wid] = used
            for v in vs:
                _at_most_one_if(model, [v], used)
            # The same link in minutes, which gives the solver a much better lower bound.
            sids = person_sessions[p][wid]
            most = min(sum(session_by_id[sid].minutes for sid in sids), limit[wid])
            model.add(
                sum(session_by_id[sid].minutes * v for sid, v in zip(sids, vs, strict=True))
                <= most * used
            )
            # Sessions of the person one worker cannot all do: at most one, and only if the
            # worker is on the person's team (a cut that tightens the bound a lot).
            theirs = {sid: v for sid, v in zip(sids, vs, strict=True)}
            for clique in cliques:
                in_it = [theirs[s.id] for key in clique for s in slots[key] if s.id in theirs]
                if len(in_it) > 1:
                    _at_most_one_if(model, in_it, used)
            cost.append(w.continuity * 60 * used)
            upper += w.continuity * 60
    shared_by = []
    if len(_households(problem)) >= MIN_GROUPS_FOR_CUTS:
        shared_by = _add_fewest_workers_cuts(model, problem, sessions, x, missing, used_vars)
    by_worker: dict[str, list[tuple[SupportSession, cp_model.IntVar]]] = defaultdict(list)
    for (sid, wid), v in x.items():
        by_worker[wid].append((session_by_id[sid], v))
    weekend_counts = []
    night_counts = []
    for wk in problem.workers:
        mine = by_worker[wk.id]
        if wk.contracted_minutes:
            short = model.new_int_var(0, wk.contracted_minutes, f"short_{wk.id}")
            short_vars[wk.id] = short
            model.add(short >= wk.contracted_minutes - sum(s.minutes * v for s, v in mine))
            cost.append(w.contracted_hours * short)
            upper += w.contracted_hours * wk.contracted_minutes
        weekend_counts.append(sum(v for s, v in mine if s.is_weekend))
        night_counts.append(sum(v for s, v in mine if s.is_night))
    for name, counts in (("weekends", weekend_counts), ("nights", night_counts)):
        most_of = model.new_int_var(0, len(sessions), f"most_{name}")
        most_vars[name] = most_of
        for c in counts:
            model.add(most_of >= c)
        cost.append(w.fair_weekends_nights * 60 * most_of)
        upper += w.fair_weekends_nights * 60 * len(sessions)
    # Cover comes first: one missing worker costs more than every soft goal together.
    if keep:
        # Last week's rota: one unit (far less than a minute of any goal) for each place
        # that changes, so among equally good rotas the one nearest last week is taken.
        kept = [x[sid, wid] for sid, ws in keep.items() for wid in ws if (sid, wid) in x]
        cost.append(len(kept) - sum(kept))
        upper += len(kept)
    big = upper + 1
    cost.append(big * sum(missing.values()))
    model.minimize(sum(cost))
    return _Model(model, x, missing, used_vars, short_vars, most_vars, shared_by)


def _add_fewest_workers_cuts(
    model: cp_model.CpModel,
    problem: RotaProblem,
    sessions: list[SupportSession],
    x: dict[tuple[str, str], cp_model.IntVar],
    missing: dict[str, cp_model.IntVar],
    used: dict[tuple[str, str], cp_model.IntVar],
) -> list[tuple[cp_model.IntVar, str, list[str]]]:
    """Cuts: a family of sessions no one worker can do alone needs at least k workers.

    A family is the sessions of one kind for the same people (a house's seven sleep-ins).
    If the most any worker can do of it is less than the whole, at least k different
    workers do it, and each is on the team of everyone in it. Every rota keeps this, but
    the linear relaxation does not see it: it spreads a sleep-in rota as fractions of a
    few workers, which counts as fewer team places than any real rota has. Measured on
    the typical week (ADR 0012): bound at 5 s 8,378 -> 8,406, proven optimal in 14 s
    (was 16-49 s).
    Only whole families count: with a session of it missing a worker the cut is off.
    """
    families: dict[tuple[tuple[str, ...], str], list[SupportSession]] = defaultdict(list)
    for s in sessions:
        families[s.people, s.kind].append(s)
    added: list[tuple[cp_model.IntVar, str, list[str]]] = []
    for (people, _kind), family in families.items():
        if len(family) < 2:
            continue
        can_do: dict[str, list[SupportSession]] = {}
        most = 0
        for wk in problem.workers:
            theirs = [s for s in family if (s.id, wk.id) in x]
            if theirs:
                can_do[wk.id] = theirs
                most = max(most, min(sum(s.minutes for s in theirs), wk.limit_minutes))
        whole = sum(s.minutes * s.workers_needed for s in family)
        at_least = -(-whole // most) if most else 0  # rounded up
        if at_least < 2:
            continue
        does_some = []
        for wid, theirs in can_do.items():
            y = model.new_bool_var(f"family_{people[0]}_{theirs[0].id}_{wid}")
            on_it = [x[s.id, wid] for s in theirs]
            for v in on_it:
                model.add_implication(v, y)
            model.add(y <= sum(on_it))
            for p in people:
                model.add_implication(y, used[p, wid])
            does_some.append(y)
            added.append((y, wid, [s.id for s in theirs]))
        model.add(sum(does_some) + at_least * sum(missing[s.id] for s in family) >= at_least)
    return added


def _add_team_size_cuts(problem: RotaProblem, built: _Model) -> None:
    """Cuts, once every place is known to be covered: a person's team has at least k workers.

    Each worker can give a person at most the minutes of the person's sessions they may do,
    and no more than their weekly limit. The fewest workers whose most add up to the
    person's hours is a floor on the team: the linear relaxation sees only the fraction
    (70 hours from 48-hour workers is a team of 1.46), every rota has a whole number (2).
    """
    need: dict[str, int] = defaultdict(int)
    can_give: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    limit = {wk.id: wk.limit_minutes for wk in problem.workers}
    session_by_id = {s.id: s for s in problem.sessions}
    for s in problem.sessions:
        for p in s.people:
            need[p] += s.minutes * s.workers_needed
    for sid, wid in built.x:
        for p in session_by_id[sid].people:
            can_give[p][wid] += session_by_id[sid].minutes
    for p, minutes in need.items():
        most = sorted((min(m, limit[w]) for w, m in can_give[p].items()), reverse=True)
        at_least, covered = 0, 0
        for m in most:
            if covered >= minutes:
                break
            covered += m
            at_least += 1
        if at_least > 1:
            built.model.add(sum(built.used[p, w] for w in can_give[p]) >= at_least)


def _households(problem: RotaProblem) -> list[frozenset[str]]:
    """Groups of people joined by shared sessions (a house sharing its sleep-ins)."""
    people = sorted({p for s in problem.sessions for p in s.people})
    parent = {p: p for p in people}

    def find(p: str) -> str:
        while parent[p] != p:
            parent[p] = parent[parent[p]]
            p = parent[p]
        return p

    for s in problem.sessions:
        for p in s.people[1:]:
            parent[find(p)] = find(s.people[0])
    groups: dict[str, set[str]] = defaultdict(set)
    for p in people:
        groups[find(p)].add(p)
    return [frozenset(g) for g in groups.values()]


def _add_hint(problem: RotaProblem, built: _Model, hint: Rota) -> None:
    """Hint every variable, so that a complete rota (the quick start's) is the first solution."""
    model = built.model
    kept: Rota = {sid: tuple(w for w in ws if (sid, w) in built.x) for sid, ws in hint.items()}
    for (sid, wid), v in built.x.items():
        model.add_hint(v, wid in kept.get(sid, ()))
    sessions = {s.id: s for s in problem.sessions}
    for sid, var in built.missing.items():
        model.add_hint(var, max(0, sessions[sid].workers_needed - len(kept.get(sid, ()))))
    team = {(p, w) for sid, ws in kept.items() for w in ws for p in sessions[sid].people}
    for key, var in built.used.items():
        model.add_hint(var, key in team)
    for var, wid, sids in built.shared_by:
        model.add_hint(var, any(wid in kept.get(sid, ()) for sid in sids))
    worked: dict[str, int] = defaultdict(int)
    weekends: dict[str, int] = defaultdict(int)
    nights: dict[str, int] = defaultdict(int)
    for sid, ws in kept.items():
        for w in ws:
            worked[w] += sessions[sid].minutes
            weekends[w] += sessions[sid].is_weekend
            nights[w] += sessions[sid].is_night
    limits = {wk.id: wk.contracted_minutes for wk in problem.workers}
    for wid, var in built.short.items():
        model.add_hint(var, max(0, limits[wid] - worked[wid]))
    model.add_hint(built.most["weekends"], max(weekends.values(), default=0))
    model.add_hint(built.most["nights"], max(nights.values(), default=0))


def _rota_from(problem: RotaProblem, built: _Model, solver: cp_model.CpSolver) -> Rota:
    rota: Rota = {s.id: () for s in problem.sessions}
    for (sid, wid), v in built.x.items():
        if solver.boolean_value(v):
            rota[sid] = (*rota[sid], wid)
    return rota


def _improve_by_groups(
    problem: RotaProblem,
    built: _Model,
    rota: Rota,
    *,
    deadline: float,
    seconds_each: float,
    work_each: float | None = None,
) -> tuple[Rota, float]:
    """Make a rota better one household at a time (a large-neighbourhood search).

    For each group of people who share sessions, every other session keeps its workers and
    the whole model (every hard rule, every goal) is solved for the group's sessions alone:
    a small model that CP-SAT often solves to the end in a fraction of a second. Each step
    can only keep or lower the cost. The result is a starting rota (a hint) for the whole
    model, which still gives the best bound reported. With `work_each` (a deterministic
    limit a household) every household gets its share of work, not of the clock, so the
    result is the same on a busy and a quiet machine.
    """
    groups = _households(problem)
    work = 0.0
    if len(groups) < 2:
        return rota, work
    proto = built.model.proto
    need = {s.id: s.workers_needed for s in problem.sessions}
    for group in groups:
        if work_each is None and time.perf_counter() + seconds_each > deadline:
            break
        free_sessions = {s.id for s in problem.sessions if group & set(s.people)}
        # Fix every other session's workers in the model itself (put back afterwards):
        # quicker than a copy of a large model.
        fixed: list[tuple[int, list[int]]] = []
        for (sid, wid), v in built.x.items():
            if sid not in free_sessions:
                value = int(wid in rota.get(sid, ()))
                fixed.append((v.index, list(proto.variables[v.index].domain)))
                proto.variables[v.index].domain[:] = [value, value]
        for sid, var in built.missing.items():
            if sid not in free_sessions:
                short = need[sid] - len([w for w in rota.get(sid, ()) if (sid, w) in built.x])
                fixed.append((var.index, list(proto.variables[var.index].domain)))
                proto.variables[var.index].domain[:] = [short, short]
        built.model.clear_hints()
        _add_hint(problem, built, rota)
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = seconds_each
        solver.parameters.num_workers = 2
        if work_each is not None:
            solver.parameters.max_time_in_seconds = max(seconds_each, 10 * work_each)
            solver.parameters.max_deterministic_time = work_each
            solver.parameters.interleave_search = True  # 2 workers, the same answer each run
        # A household's part is service-sized: the full-relaxation worker finds better rotas
        # for it in the same time (measured on large: objective 29,600-30,000 at 30 s, was
        # 30,900-31,200; ADR 0012).
        solver.parameters.subsolvers.append("max_lp")
        solver.parameters.linearization_level = 2
        try:
            status = solver.solve(built.model)
        finally:
            for index, domain in fixed:
                proto.variables[index].domain[:] = domain
        work += solver.response_proto.deterministic_time
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            rota = _rota_from(problem, built, solver)
    built.model.clear_hints()
    return rota, work


def _completed(problem: RotaProblem, last: Rota) -> Rota:
    """Last week's workers where they still keep every rule, the places left filled by
    the team-first start's choice: a complete rota to start from."""
    from .checker import check_rota

    breaking = {(b.session_id, b.worker_id) for b in check_rota(problem, last) if b.worker_id}
    rota: Rota = {
        s.id: tuple(w for w in last.get(s.id, ()) if (s.id, w) not in breaking)[: s.workers_needed]
        for s in problem.sessions
    }
    if _covers_every_place(problem, rota):
        return rota
    from .start import starting_rota

    start = starting_rota(problem)
    for s in problem.sessions:
        if len(rota[s.id]) < s.workers_needed:
            trial = {**rota, s.id: start[s.id]}
            if not [b for b in check_rota(problem, trial) if b.worker_id]:
                rota = trial
    return rota


def _result_from_rota(
    problem: RotaProblem,
    rota: Rota,
    *,
    status: str,
    best_bound: float,
    wall_seconds: float,
    deterministic_seconds: float,
    stopped_by: str,
) -> RotaResult:
    """A result for a rota found without the model (the start), each gap flagged with why."""
    uncovered = [
        UncoveredSession(
            s.id,
            s.workers_needed - len(rota.get(s.id, ())),
            _uncovered_reason(problem, rota, s),
        )
        for s in problem.sessions
        if len(rota.get(s.id, ())) < s.workers_needed
    ]
    return RotaResult(
        rota=rota,
        uncovered=uncovered,
        status=status,
        objective=objective_of(problem, rota),
        best_bound=best_bound,
        wall_seconds=wall_seconds,
        deterministic_seconds=deterministic_seconds,
        stopped_by=stopped_by,
    )


def _covers_every_place(problem: RotaProblem, rota: Rota) -> bool:
    return all(len(rota.get(s.id, ())) >= s.workers_needed for s in problem.sessions)


def _keeps_the_rules(problem: RotaProblem, rota: Rota) -> bool:
    from .checker import breaches_beyond_uncovered  # the checker is independent of the model

    flagged = {s.id for s in problem.sessions if len(rota.get(s.id, ())) < s.workers_needed}
    return not breaches_beyond_uncovered(problem, rota, flagged)


class _Progress(cp_model.CpSolverSolutionCallback):
    """Passes each better rota's objective and the bound so far (in the result's units)."""

    def __init__(self, report: Callable[[float, float], None]) -> None:
        super().__init__()
        self._report = report

    def on_solution_callback(self) -> None:
        self._report(round(self.objective_value) / 60, self.best_objective_bound / 60)


def solve_rota(
    problem: RotaProblem,
    *,
    time_limit_seconds: float = 10.0,
    num_workers: int = 2,
    seed: int = 0,
    hint: Rota | None = None,
    quick_start: bool = True,
    linearization_level: int | None = None,
    deterministic_time: float | None = None,
    keep: Rota | None = None,
    on_progress: Callable[[float, float], None] | None = None,
) -> RotaResult:
    """Solve one service's week. Always returns a rota; uncovered sessions say why.

    Never worse than the rota it starts from: if CP-SAT finds nothing in time (a busy
    machine, a tiny limit) or something costlier, the start comes back (the hint when it
    keeps every rule, else the quick start), never an empty rota.

    `keep` (last week's rota, mapped onto this week's sessions) is a warm start: it is the
    hint when none is given, and among equally good rotas the one that changes fewest of
    its places is chosen, so a rota changes only where it must.

    `on_progress(best_objective, best_bound)` is called with each better rota found.
    """
    from .start import starting_rota  # it scores rotas with this module's objective

    started = time.perf_counter()
    built = _build(problem, keep)
    if hint is None and keep is not None:
        hint = _completed(problem, keep)
    if hint is not None and not _keeps_the_rules(problem, hint):
        # A hint that breaks a rule now (last week's rota after a change) still guides the
        # search, but cannot be the fallback.
        fallback = starting_rota(problem) if quick_start else None
    elif hint is None and quick_start:
        hint = starting_rota(problem)
        fallback = hint
    else:
        fallback = hint
    if keep is not None and quick_start and fallback is not None:
        start = starting_rota(problem)
        if objective_of(problem, start) < objective_of(problem, fallback):
            fallback = start
    if fallback is not None and _covers_every_place(problem, fallback):
        # A complete rota that keeps every rule exists, and one missing worker costs more
        # than every soft goal together, so the best rota covers every place too. Fixing
        # the missing places to none says so to CP-SAT: its bound is then a bound on the
        # soft goals from the start, not one lost under the weight of cover, and the
        # team-size cuts hold (measured on the typical week: proven optimal in 10.5 s,
        # was not within 20 s; ADR 0012).
        for var in built.missing.values():
            built.model.add(var == 0)
        _add_team_size_cuts(problem, built)
    groups = len(_households(problem))
    group_work = 0.0
    if hint and groups >= MIN_GROUPS_TO_IMPROVE:
        # A large service: improve the start one household at a time for part of the time
        # (part of the work, under a deterministic limit).
        left = time_limit_seconds - (time.perf_counter() - started)
        work_each = None
        if deterministic_time is not None:
            work_each = min(MAX_SECONDS_A_GROUP, IMPROVE_SHARE * deterministic_time / groups)
            deterministic_time -= work_each * groups
        hint, group_work = _improve_by_groups(
            problem,
            built,
            hint,
            deadline=time.perf_counter() + IMPROVE_SHARE * left,
            seconds_each=min(MAX_SECONDS_A_GROUP, IMPROVE_SHARE * left / groups),
            work_each=work_each,
        )
        fallback = hint if _keeps_the_rules(problem, hint) else fallback
    if hint:
        _add_hint(problem, built, hint)
    solver = cp_model.CpSolver()
    # The time limit is for the whole call: building the model counts too. A limit already
    # used up still gives CP-SAT a moment; whatever it finds, the start is the floor.
    solver.parameters.max_time_in_seconds = max(
        0.001, time_limit_seconds - (time.perf_counter() - started)
    )
    solver.parameters.num_workers = num_workers
    solver.parameters.random_seed = seed
    service_sized = len(built.x) <= MAX_LP_VARIABLES
    if service_sized:
        # On 2 workers the full-problem worker with the strongest linear relaxation gives
        # far better bounds (and rotas) on a service-sized model than the default one. On
        # very large models its relaxation is too slow to pay off, so the default stays.
        solver.parameters.subsolvers.append("max_lp")
    if linearization_level is None:
        # All constraints in the relaxation on service-sized models (measured: steadier
        # rotas on the typical week), the default on very large ones.
        linearization_level = 2 if service_sized else 1
    solver.parameters.linearization_level = linearization_level
    if deterministic_time is not None:
        # The same answer on every run and machine (demo data, tests, benchmarks): stop on
        # work done, not on the clock. The wall limit stays as a safety net beside it.
        solver.parameters.max_deterministic_time = deterministic_time
        if num_workers > 1:
            # Workers take turns in fixed batches: both cores used, the same rota each run.
            solver.parameters.interleave_search = True
    status = solver.solve(built.model, _Progress(on_progress) if on_progress else None)
    wall = time.perf_counter() - started
    deterministic = group_work + solver.response_proto.deterministic_time
    stopped_by = _stopped_by(
        status,
        wall,
        time_limit_seconds,
        solver.response_proto.deterministic_time,
        deterministic_time,
    )
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    bound = solver.best_objective_bound / 60 if found else 0.0
    # Every cost in the model is a whole number, but CP-SAT gives it back as a float that
    # can be a hair off (7,799.999…) once presolve has moved terms into an offset; rounded,
    # a rota exactly as good as the start is never taken for a worse one.
    found_cost = round(solver.objective_value) / 60 if found else 0.0
    if not found or (fallback is not None and objective_of(problem, fallback) < found_cost):
        if fallback is None:
            fallback = starting_rota(problem)
        return _result_from_rota(
            problem,
            fallback,
            status="start",
            best_bound=bound,
            wall_seconds=wall,
            deterministic_seconds=deterministic,
            stopped_by=stopped_by,
        )
    rota: Rota = {s.id: () for s in problem.sessions}
    for (sid, wid), v in built.x.items():
        if solver.boolean_value(v):
            rota[sid] = (*rota[sid], wid)
    uncovered = []
    for s in problem.sessions:
        n = solver.value(built.missing[s.id])
        if n:
            uncovered.append(UncoveredSession(s.id, n, _uncovered_reason(problem, rota, s)))
    return RotaResult(
        rota=rota,
        uncovered=uncovered,
        status="optimal" if status == cp_model.OPTIMAL else "feasible",
        objective=objective_of(problem, rota) if keep else found_cost,
        best_bound=bound,
        wall_seconds=wall,
        deterministic_seconds=deterministic,
        stopped_by=stopped_by,
    )


def _stopped_by(
    status: Any,
    wall: float,
    wall_limit: float,
    used: float,
    limit: float | None,
) -> str:
    """Which limit ended the search: "proof", "work done" (deterministic) or "clock"."""
    if status == cp_model.OPTIMAL:
        return "proof"
    if limit is not None and used >= limit * 0.99 and wall < wall_limit:
        return "work done"
    return "clock"


def objective_of(problem: RotaProblem, rota: Rota) -> float:
    """The solver's objective for any rota (used to score the greedy baseline the same way)."""
    w = problem.weights
    sessions = {s.id: s for s in problem.sessions}
    total = 0
    upper = 0
    team: dict[str, set[str]] = defaultdict(set)
    worked: dict[str, int] = defaultdict(int)
    weekends: dict[str, int] = defaultdict(int)
    nights: dict[str, int] = defaultdict(int)
    for s in problem.sessions:
        on_it = rota.get(s.id, ())
        upper += w.preferred_hours * s.minutes * len(s.people) * s.workers_needed
        for wid in on_it:
            worked[wid] += s.minutes
            weekends[wid] += s.is_weekend
            nights[wid] += s.is_night
            for p in s.people:
                team[p].add(wid)
                chosen = problem.choices_of(p).preferred
                if chosen and wid not in chosen:
                    total += w.preferred_hours * s.minutes
    for ids in team.values():
        total += w.continuity * 60 * len(ids)
    missing = sum(max(0, s.workers_needed - len(rota.get(s.id, ()))) for s in problem.sessions)
    if missing:  # the cost of a missing worker is only needed when one is missing
        eligible_pairs = {
            (p, wk.id)
            for s in problem.sessions
            for wk in problem.workers
            if why_not_eligible(problem, s, wk) is None
            for p in s.people
        }
        upper += w.continuity * 60 * len(eligible_pairs)
    for wk in problem.workers:
        if wk.contracted_minutes:
            total += w.contracted_hours * max(0, wk.contracted_minutes - worked[wk.id])
            upper += w.contracted_hours * wk.contracted_minutes
    total += w.fair_weekends_nights * 60 * (max(weekends.values(), default=0))
    total += w.fair_weekends_nights * 60 * (max(nights.values(), default=0))
    upper += 2 * w.fair_weekends_nights * 60 * len(sessions)
    total += (upper + 1) * missing
    return total / 60


@dataclass
class RepairResult:
    """A published week mended: the new rota and exactly which places changed."""

    rota: Rota
    # (session id, worker taken off, worker put on); None for a place left empty or filled.
    changes: list[tuple[str, str | None, str | None]]
    uncovered: list[UncoveredSession]
    status: str
    wall_seconds: float


def _mend_place_by_place(problem: RotaProblem, rota: Rota) -> Rota:
    """Take off each worker who breaks a rule now; give each place they leave to the first
    free worker who keeps every rule with the rest unchanged, a chosen one first."""
    from .checker import check_rota

    breaking = {(b.session_id, b.worker_id) for b in check_rota(problem, rota) if b.worker_id}
    mended = {sid: [w for w in ws if (sid, w) not in breaking] for sid, ws in rota.items()}
    sessions = {s.id: s for s in problem.sessions}
    worked: dict[str, list[SupportSession]] = defaultdict(list)
    for sid, ws in mended.items():
        for w in ws:
            worked[w].append(sessions[sid])
    for sid in [sid for sid, _ in breaking]:
        s = sessions[sid]
        chosen = set().union(*(problem.choices_of(p).preferred for p in s.people))
        for wk in sorted(problem.workers, key=lambda w: w.id not in chosen):
            if len(mended[sid]) >= s.workers_needed:
                break
            if wk.id in mended[sid] or why_not_eligible(problem, s, wk) is not None:
                continue
            theirs = worked[wk.id]
            if any(overlaps(o.start, o.end, s.start, s.end) or not rest_kept(o, s) for o in theirs):
                continue
            if sum(o.minutes for o in theirs) + s.minutes > wk.limit_minutes:
                continue
            mended[sid].append(wk.id)
            worked[wk.id].append(s)
    return {sid: tuple(ws) for sid, ws in mended.items()}


def repair_rota(
    problem: RotaProblem,
    rota: Rota,
    *,
    time_limit_seconds: float = 2.0,
    deterministic_time: float | None = 1.0,
) -> RepairResult:
    """Mend a published rota that breaks a rule now (a new "rather not", absence, skill):
    the fewest places change, each one first to a worker the person chose.

    Every hard rule holds in the model, so a worker who now breaks one has no place to
    stay in. Keeping a place costs nothing and changing one costs more than every soft goal
    together, so the solver changes only the places that broke a rule and those needed to
    cover them; among rotas with that fewest changes, the usual goals (chosen workers first)
    decide. Covering a place still comes before all of it.

    First, and usually enough: mend place by place. When each broken place finds a free
    worker who keeps every rule (a chosen one first) and nothing else changes, no fix can
    change fewer places, so that answer is kept (status "mended") without building the
    whole week's model.
    """
    started = time.perf_counter()
    quick = _mend_if_fewest(problem, rota)
    if quick is not None:
        # Only the broken places changed and every place is covered: no rota changes fewer,
        # so the whole-week model (most of the time of a fix) is not needed.
        return _repair_result(problem, rota, quick, "mended", started)
    built = _build(problem)
    model = built.model
    # Rebuild the objective: soft goals + a change weight above them + cover above that.
    soft = model.proto.objective
    old_vars = list(soft.vars)
    old_coeffs = list(soft.coeffs)
    missing_index = {v.index for v in built.missing.values()}
    soft_terms = [
        (v, c) for v, c in zip(old_vars, old_coeffs, strict=True) if v not in missing_index
    ]
    soft_upper = sum(abs(c) for _, c in soft_terms) * 1  # each soft var is at most its range
    for v, c in soft_terms:
        domain = model.proto.variables[v].domain
        soft_upper += abs(c) * (max(abs(domain[0]), abs(domain[-1])) - 1)
    change = soft_upper + 1
    places = sum(len(ws) for ws in rota.values()) + 1
    cover = change * places + 1
    kept: list[cp_model.IntVar] = []
    stays = 0
    for sid, workers in rota.items():
        for wid in workers:
            stays += 1
            if (sid, wid) in built.x:
                kept.append(built.x[sid, wid])
    expression = (
        sum(
            cp_model.LinearExpr.weighted_sum([model.get_int_var_from_proto_index(v)], [c])
            for v, c in soft_terms
        )
        + change * (stays - sum(kept))
        + cover * sum(built.missing.values())
    )
    model.clear_objective()
    model.minimize(expression)
    _add_hint(problem, built, {sid: tuple(w for w in ws) for sid, ws in rota.items()})
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(
        0.01, time_limit_seconds - (time.perf_counter() - started)
    )
    solver.parameters.num_workers = 1
    if deterministic_time is not None:
        solver.parameters.max_deterministic_time = deterministic_time
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        # Nothing in time: take the breaking workers off and fill each place they leave
        # with a free worker who keeps every rule (a chosen one first).
        new = _mend_place_by_place(problem, rota)
        state = "start"
    else:
        new = _rota_from(problem, built, solver)
        state = "optimal" if status == cp_model.OPTIMAL else "feasible"
    return _repair_result(problem, rota, new, state, started)


def _mend_if_fewest(problem: RotaProblem, rota: Rota) -> Rota | None:
    """The place-by-place mend, when it is as good as any fix can be: each place that broke
    a rule has a new worker, no other place changed, no place is left empty and the
    independent checker finds nothing. None when the solver must decide."""
    from .checker import check_rota

    mended = _mend_place_by_place(problem, rota)
    if any(len(mended.get(s.id, ())) < s.workers_needed for s in problem.sessions):
        return None
    if check_rota(problem, mended):
        return None
    return mended


def _repair_result(
    problem: RotaProblem, rota: Rota, new: Rota, state: str, started: float
) -> RepairResult:
    changes: list[tuple[str, str | None, str | None]] = []
    for sid in (s.id for s in problem.sessions):
        before, after = list(rota.get(sid, ())), list(new.get(sid, ()))
        off = [w for w in before if w not in after]
        on = [w for w in after if w not in before]
        for i in range(max(len(off), len(on))):
            changes.append((sid, off[i] if i < len(off) else None, on[i] if i < len(on) else None))
    uncovered = [
        UncoveredSession(
            s.id, s.workers_needed - len(new[s.id]), _uncovered_reason(problem, new, s)
        )
        for s in problem.sessions
        if len(new[s.id]) < s.workers_needed
    ]
    return RepairResult(new, changes, uncovered, state, time.perf_counter() - started)
