"""The national build's simulation, in two processes beside the one that writes.

Making the rows (the simulation in pure Python, then each row's column values) takes about
four fifths of the build, and nothing in it needs the database, so it runs in forked processes,
each playing the episodes of its own schemes: a scheme's people, sites and staff are its own,
so no stream waits for another. The network is split by weight, and the split, each stream's
random numbers, its ids (`Ids.interleaved`) and its stretch of NHS numbers are fixed by the
seed, so the rows are the same on any machine. The writing process takes each stream's chunks
in turn, so even the order rows reach the database is the same.

Every year's plans (which scheme, point of contact, site and moment) are drawn once from the
seed as one network, exactly as the twelve-month demo draws them; each stream plays its share.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import random
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection
from django.db.models import Model

from liaison.demo import national_people
from liaison.demo.bulk import Ids, Table
from liaison.demo.episodes import Cast, Output, Simulator
from liaison.demo.national_people import NationalPeople

STREAMS = 2  # fixed, not the machine's cores: the rows must not depend on the machine
# Chunks a stream may have made ahead of the writer (each about 10,000 episodes' rows).
_AHEAD = 2
_POLL_SECONDS = 5.0

Chunk = tuple[int, list[tuple[type[Model], list[tuple[Any, ...]]]]]  # episodes played, rows per table
Rows = Callable[[Output, Ids, dict[type[Model], Table]], list[tuple[type[Model], list[tuple[Any, ...]]]]]


@dataclass(frozen=True)
class Brief:
    """What the build asks of every stream."""

    seed: int
    until: datetime
    episodes: int
    years: int
    chunk: int
    remembered: int
    share: float  # of people who give an NHS number
    models: tuple[type[Model], ...]  # the tables loaded


def split(casts: list[Cast], streams: int = STREAMS) -> list[list[Cast]]:
    """Schemes shared out by weight, heaviest first, each to the lightest stream so far."""
    parts: list[list[Cast]] = [[] for _ in range(streams)]
    loads = [0.0] * streams
    for cast in sorted(casts, key=lambda c: (-c.spec.weight, c.spec.code)):
        i = loads.index(min(loads))
        parts[i].append(cast)
        loads[i] += cast.spec.weight
    return parts


def _numbers(parts: list[list[Cast]]) -> list[tuple[int, int]]:
    """Each stream's stretch of the NHS number order, by its share of the weight."""
    weights = [sum(c.spec.weight for c in part) for part in parts]
    total, stretches, first = sum(weights), [], 0
    for i, weight in enumerate(weights):
        prefixes = national_people.PREFIXES
        last = prefixes if i == len(weights) - 1 else first + round(prefixes * weight / total)
        stretches.append((first, last))
        first = last
    return stretches


def _play(
    stream: int, parts: list[list[Cast]], casts: list[Cast], brief: Brief, ids: Ids, rows: Rows, out: Any
) -> None:
    """One stream: its schemes' episodes, year by year, a chunk of rows at a time onto `out`."""
    # Everything made before the fork lives as long as the stream: the collector need not look
    # at it, and runs once a chunk, when the chunk's rows have just been let go.
    gc.freeze()
    gc.disable()
    parent = os.getppid()
    mine = parts[stream]
    first, last = _numbers(parts)[stream]
    planner = Simulator(seed=brief.seed, casts=casts, until=brief.until)
    sim = Simulator(seed=brief.seed, casts=mine, until=brief.until)
    sim.rng = random.Random(f"{brief.seed}:episodes:{stream}")
    sim.people = NationalPeople(brief.seed, stream=stream + 1, first=first, last=last, share=brief.share)
    ids = ids.interleaved(stream, len(parts))
    tables = {m: Table(m, connection) for m in brief.models}
    owned = {id(c) for c in mine}
    per_chunk = max(1, brief.chunk // len(parts))

    def flush(played: int) -> None:
        _put(out, (played, rows(sim.out, ids, tables)), parent)
        sim.out = Output()
        for cast in mine:
            del cast.people[: -brief.remembered]
        gc.collect()

    for year in range(brief.years):
        ending = brief.until - timedelta(days=365 * (brief.years - 1 - year))
        size = brief.episodes // brief.years + (brief.episodes % brief.years if year == brief.years - 1 else 0)
        plans = [p for p in planner.plans(size, days=365, ending=ending) if id(p.cast) in owned]
        for start in range(0, len(plans), per_chunk):
            for p in plans[start : start + per_chunk]:
                sim.play(p)
            flush(len(plans[start : start + per_chunk]))
    flush(sum(1 for _ in sim.worklist_today()))


def _put(out: Any, message: Any, parent: int) -> None:
    """Onto the queue, however long the writer takes; but a stream whose writer has died (killed,
    not failed: a failure stops the streams) ends at its next chunk rather than play on alone."""
    while True:
        if os.getppid() != parent:
            os._exit(1)
        try:
            out.put(message, timeout=_POLL_SECONDS)
            return
        except queue.Full:
            continue


def _run(stream: int, out: Any, parts: list[list[Cast]], casts: list[Cast], brief: Brief, ids: Ids, rows: Rows) -> None:
    """A forked stream's whole life: it never touches the database connection it inherited,
    and leaves with `os._exit`, so nothing of the parent's is closed or flushed twice."""
    code = 0
    try:
        _play(stream, parts, casts, brief, ids, rows, out)
        out.put(None)
    except BaseException:  # any error, handed to the writing process
        out.put(traceback.format_exc())
        code = 1
    finally:
        out.close()
        out.join_thread()
        os._exit(code)


class StreamFailed(Exception):
    pass


def _next(q: Any, process: Any) -> Any:
    while True:
        try:
            return q.get(timeout=_POLL_SECONDS)
        except queue.Empty:
            if not process.is_alive():
                raise StreamFailed(f"simulation stream ended without a word (exit {process.exitcode})") from None


class Running:
    """The started streams: iterate for every chunk of the build, each stream's in turn."""

    def __init__(self, processes: list[Any], queues: list[Any]) -> None:
        self._processes, self._queues = processes, queues

    def __iter__(self) -> Iterator[Chunk]:
        waiting = list(range(len(self._processes)))
        while waiting:
            for i in list(waiting):
                message = _next(self._queues[i], self._processes[i])
                if message is None:
                    waiting.remove(i)
                elif isinstance(message, str):
                    raise StreamFailed(f"simulation stream {i} failed:\n{message}")
                else:
                    yield message

    def stop(self) -> None:
        for process in self._processes:
            if process.is_alive():
                process.terminate()
            process.join()


def start(casts: list[Cast], brief: Brief, ids: Ids, rows: Rows) -> Running:
    """Fork the streams; they start making rows at once."""
    parts = split(casts)
    context = multiprocessing.get_context("fork")
    queues = [context.Queue(maxsize=_AHEAD) for _ in parts]
    processes = [
        context.Process(target=_run, args=(i, q, parts, casts, brief, ids, rows), name=f"demo-stream-{i}", daemon=True)
        for i, q in enumerate(queues)
    ]
    for process in processes:
        process.start()
    return Running(processes, queues)
