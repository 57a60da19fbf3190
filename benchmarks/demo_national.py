"""The national demo build, measured (ADR 0019).

    .venv/bin/python benchmarks/demo_national.py [--episodes N] [--database-url URL] [--data-dir DIR]

Migrates an empty database (SQLite in `--data-dir`, its database file removed first, by default a
temporary folder; or the PostgreSQL database `--database-url` names, which must be empty), runs
`liaison demo --seed 1 --scale national --today 2026-12-01 [--episodes N]` in it, and prints,
beside the target: the wall-clock time; the CPU time of the build and its simulation streams;
the peak memory of all its processes together (resident set sizes summed, sampled every half
second; a forked stream shares pages with its parent, so this overstates a little); and the
load average before and after, as the machine is shared and the wall clock depends on it.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIAISON = str(ROOT / ".venv" / "bin" / "liaison")
TARGET_SECONDS = 15 * 60


def _tree(pid: int) -> list[int]:
    """The process and its descendants (threads are not processes here)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += children.get(p, [])
    return found


def _rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--episodes", type=int, help="episodes (default: the full 1.5 million)")
    parser.add_argument("--database-url", help="an empty PostgreSQL database (default: SQLite)")
    parser.add_argument("--data-dir", help="where the SQLite database is built (default: a temporary folder)")
    args = parser.parse_args()
    env = dict(os.environ, LIAISON_DEMO_PASSWORD=os.environ.get("LIAISON_DEMO_PASSWORD", "benchmark"))
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    else:
        env.pop("DATABASE_URL", None)
        data = Path(args.data_dir or tempfile.mkdtemp(prefix="liaison-national-"))
        data.mkdir(parents=True, exist_ok=True)
        for old in data.glob("liaison.sqlite3*"):  # the database only, never the folder
            old.unlink()
        env["LIAISON_DATA_DIR"] = str(data)
    subprocess.run([LIAISON, "migrate", "-v0"], env=env, check=True)  # noqa: S603 - this project's own script
    command = [LIAISON, "demo", "--seed", "1", "--scale", "national", "--today", "2026-12-01"]
    if args.episodes is not None:
        command += ["--episodes", str(args.episodes)]
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603 - as above
    peak = 0.0

    def sample() -> None:
        nonlocal peak
        while process.poll() is None:
            peak = max(peak, _rss_mb(_tree(process.pid)))
            time.sleep(0.5)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = process.communicate()
    took = time.monotonic() - started
    sampler.join()
    if process.returncode:
        sys.exit(f"the build failed (exit {process.returncode})")
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    built = next((line for line in out.splitlines() if line.startswith("Built")), "")
    print(built)
    print(f"database: {args.database_url or Path(env['LIAISON_DATA_DIR']) / 'liaison.sqlite3'}")
    # The target is the full build's.
    verdict = "" if args.episodes is not None else f"; target {TARGET_SECONDS // 60} min: "
    verdict += "" if args.episodes is not None else ("met" if took <= TARGET_SECONDS else "not met")
    print(f"wall clock: {took:.0f} s ({took / 60:.1f} min){verdict}")
    print(f"CPU: {usage.ru_utime + usage.ru_stime:.0f} s (user {usage.ru_utime:.0f} s, system {usage.ru_stime:.0f} s)")
    print(f"peak memory, all processes: {peak:.0f} MB")
    print(f"load average (1 min): {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
