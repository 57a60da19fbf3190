"""Record linkage, measured (issue 10): quality beside Splink's documented example, speed, and
fairness, on the labelled synthetic set (`liaison.linkage.synthetic`).

    .venv/bin/python benchmarks/linkage.py [--quality N] [--records N] [--register N] [--searches N]

1. Quality: pairwise precision, recall and F1 of `liaison linkage dedupe`'s model (the versioned
   file) and of Splink's documented example settings (the README's `fake_1000` model: names,
   date of birth, a place with term frequencies; trained the way the tutorial trains it), on the
   same `--quality` records (seed 11; the model file was trained on another seed).
2. Match and error rates by name origin and by ethnic group, for our model, on that set.
3. The time to de-duplicate `--records` records (target: 1,000,000 in 60 s).
4. "Seen before?" over a register of `--register` people in a scratch SQLite database: the p95
   time per search through the database blocking and the scorer, and how often the true person
   is in the top 5 for `--searches` noisy details (targets: p95 under 50 ms and 99% over
   1,000,000 people).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TARGET_F1 = 0.98
TARGET_DEDUPE_SECONDS_1M = 60.0
TARGET_P95_MS = 50.0
TARGET_TOP5 = 0.99
FIELDS = ("given_name", "family_name", "date_of_birth", "sex", "postcode", "nhs_number", "pnc_id")


def _pairs(sizes: Counter[Any]) -> int:
    return sum(n * (n - 1) // 2 for n in sizes.values())


def pairwise(
    truth: dict[str, str], predicted: dict[str, str], ids: Sequence[str] | None = None
) -> tuple[float, float, float, int, int]:
    """Precision, recall, F1 over pairs of records (optionally only among `ids`)."""
    keep = list(truth) if ids is None else list(ids)
    true_pairs = _pairs(Counter(truth[i] for i in keep))
    predicted_pairs = _pairs(Counter(predicted[i] for i in keep))
    both = _pairs(Counter((truth[i], predicted[i]) for i in keep))
    precision = both / predicted_pairs if predicted_pairs else 1.0
    recall = both / true_pairs if true_pairs else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, true_pairs, predicted_pairs


def _records(rows: list[dict[str, str]]) -> list[Any]:
    from liaison.linkage.records import record

    return [record(r["record_id"], **{k: r[k] for k in FIELDS}) for r in rows]


def splink_example(rows: list[dict[str, str]]) -> dict[str, str]:
    """Splink's documented example (README, `fake_1000`): first name, surname, date of birth and
    city (here the postcode) with term frequencies; email has no column here and is left out."""
    import pandas as pd
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    from liaison.linkage.training import quiet

    df = pd.DataFrame(
        [
            {
                "unique_id": r["record_id"],
                "first_name": r["given_name"] or None,
                "surname": r["family_name"] or None,
                "dob": r["date_of_birth"] or None,
                "city": r["postcode"] or None,
            }
            for r in rows
        ]
    )
    settings = SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            cl.NameComparison("first_name"),
            cl.JaroAtThresholds("surname"),
            cl.DateOfBirthComparison("dob", input_is_string=True),
            cl.DamerauLevenshteinAtThresholds("city").configure(term_frequency_adjustments=True),
        ],
        blocking_rules_to_generate_predictions=[block_on("first_name", "dob"), block_on("surname")],
    )
    quiet()
    linker = Linker(df, settings, db_api=DuckDBAPI())
    quiet()
    linker.training.estimate_probability_two_random_records_match([block_on("first_name", "surname")], recall=0.7)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("first_name", "surname"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("dob"))
    predicted = linker.inference.predict(threshold_match_probability=0.9)
    clusters = linker.clustering.cluster_pairwise_predictions_at_threshold(predicted, 0.95).as_pandas_dataframe()
    found = dict(zip(clusters["unique_id"].astype(str), clusters["cluster_id"].astype(str), strict=True))
    return {r["record_id"]: found.get(r["record_id"], r["record_id"]) for r in rows}


def quality(n: int) -> None:
    from liaison.linkage.dedupe import clusters
    from liaison.linkage.synthetic import labelled_records
    from liaison.people.codes import ETHNIC_GROUPS

    rows = labelled_records(n, seed=11)
    truth = {r["record_id"]: r["person_key"] for r in rows}
    print(f"\n1. Quality on {len(rows):,} labelled records of {len(set(truth.values())):,} people (seed 11)")
    started = time.perf_counter()
    ours = clusters(_records(rows))
    ours_s = time.perf_counter() - started
    started = time.perf_counter()
    try:
        theirs: dict[str, str] | None = splink_example(rows)
    except Exception as e:  # the baseline is a comparison, not the product: report and go on
        print(f"   Splink example settings failed: {e}")
        theirs = None
    theirs_s = time.perf_counter() - started
    print(f"   {'model':<34} {'precision':>9} {'recall':>7} {'F1':>7} {'time':>8}")
    for name, predicted, took in (
        ("liaison (model file)", ours, ours_s),
        ("Splink documented example", theirs, theirs_s),
    ):
        if predicted is None:
            continue
        p, r, f1, _, _ = pairwise(truth, predicted)
        print(f"   {name:<34} {p:9.4f} {r:7.4f} {f1:7.4f} {took:7.1f}s")
    p, r, f1, _, _ = pairwise(truth, ours)
    print(f"   target F1 >= {TARGET_F1}: {'met' if f1 >= TARGET_F1 else 'NOT met'} ({f1:.4f})")

    print("\n2. Match and error rates by name origin and by ethnic group (liaison model)")
    print(f"   {'group':<30} {'records':>8} {'true pairs':>10} {'found':>7} {'missed':>7} {'false':>7}")
    by: dict[str, dict[str, list[str]]] = {"origin": defaultdict(list), "ethnic group": defaultdict(list)}
    for row in rows:
        by["origin"][row["name_origin"]].append(row["record_id"])
        by["ethnic group"][ETHNIC_GROUPS.get(row["ethnicity"], "Not known")].append(row["record_id"])
    for kind, groups in by.items():
        print(f"   by {kind}:")
        for group, ids in sorted(groups.items(), key=lambda g: -len(g[1])):
            p, r, _, true_pairs, _ = pairwise(truth, ours, ids)
            print(f"   {group:<30} {len(ids):8,} {true_pairs:10,} {r:7.2%} {1 - r:7.2%} {1 - p:7.2%}")
    print("   (found = pairwise recall; missed = 1 - recall; false = pairs wrongly joined / pairs joined)")


def speed(n: int) -> None:
    """`liaison linkage dedupe`'s own path, file to file (`dedupe_file`), timed from reading the
    input to the output written; the in-memory path of section 1 is timed beside it when small."""
    import csv

    from liaison.linkage.dedupe_file import dedupe_file
    from liaison.linkage.synthetic import labelled_records

    started = time.perf_counter()
    rows = labelled_records(n, seed=12)
    made = time.perf_counter() - started
    scratch = Path(tempfile.mkdtemp(prefix="linkage-dedupe-"))
    source, target = scratch / "people.csv", scratch / "clusters.csv"
    with source.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(["record_id", *FIELDS])
        writer.writerows([r["record_id"], *(r[k] for k in FIELDS)] for r in rows)
    started = time.perf_counter()
    records, people = dedupe_file(source, target)
    took = time.perf_counter() - started
    with target.open(newline="", encoding="utf-8") as f:
        keys = {row["record_id"]: row["person_key"] for row in csv.DictReader(f)}
    truth = {r["record_id"]: r["person_key"] for r in rows}
    p, r, f1, _, _ = pairwise(truth, keys)
    print(f"\n3. De-duplicating {records:,} records from a file to a file: {took:.1f} s, {people:,} people")
    print(f"   ({made:.1f} s generating them); precision {p:.4f}, recall {r:.4f}, F1 {f1:.4f}")
    met = "met" if n >= 1_000_000 and took <= TARGET_DEDUPE_SECONDS_1M else "not met"
    if n < 1_000_000:
        met = f"measured at {n:,} only"
    print(f"   target 1,000,000 in {TARGET_DEDUPE_SECONDS_1M:.0f} s: {met}")


def search(n_register: int, n_searches: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from liaison.linkage.keys import rebuild
    from liaison.linkage.selectors import candidates, query_record
    from liaison.linkage.synthetic import labelled_records
    from liaison.people.models import Person
    from tests import factories

    call_command("migrate", verbosity=0)
    scheme = factories.scheme(code="BENCH")
    by = factories.staff(scheme=scheme)
    rows = labelled_records(int(n_register * 1.9), seed=13)
    first: dict[str, dict[str, str]] = {}
    later: list[dict[str, str]] = []
    for row in rows:
        if row["person_key"] in first:
            later.append(row)
        elif len(first) < n_register:
            first[row["person_key"]] = row
    started = time.perf_counter()
    people = [
        Person(
            given_name=r["given_name"],
            family_name=r["family_name"],
            date_of_birth=r["date_of_birth"] or None,
            sex=r["sex"] or "X",
            postcode=r["postcode"],
            nhs_number=r["nhs_number"],
            pnc_id=r["pnc_id"],
            registered_by_scheme=scheme,
            created_by=by,
        )
        for r in first.values()
    ]
    Person.objects.bulk_create(people, batch_size=5000)
    loaded = time.perf_counter() - started
    started = time.perf_counter()
    rebuild()
    keyed = time.perf_counter() - started
    ids = {key: p.pk for key, p in zip(first, people, strict=True)}
    queries = [r for r in later if r["person_key"] in ids][:n_searches]
    times: list[float] = []
    hits: Counter[str] = Counter()
    asked: Counter[str] = Counter()
    for r in queries:
        q = query_record(**{k: (r[k] or None) for k in FIELDS})  # type: ignore[arg-type]
        t = time.perf_counter()
        found = candidates(q, limit=5)
        times.append((time.perf_counter() - t) * 1000)
        asked[r["name_origin"]] += 1
        if ids[r["person_key"]] in [p.pk for p, _ in found]:
            hits[r["name_origin"]] += 1
    p95 = statistics.quantiles(times, n=20)[18]
    top5 = sum(hits.values()) / len(queries)
    print(f"\n4. Seen before? over a register of {len(people):,} people (SQLite; loaded in {loaded:.0f} s,")
    print(f"   keyed in {keyed:.0f} s), {len(queries):,} searches with noisy details:")
    print(f"   median {statistics.median(times):.1f} ms, p95 {p95:.1f} ms (target {TARGET_P95_MS:.0f} ms at 1,000,000)")
    print(f"   true person in the top 5: {top5:.2%} (target {TARGET_TOP5:.0%})")
    for origin, n in asked.most_common():
        print(f"     {origin:<28} {hits[origin] / n:7.2%} of {n:,}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quality", type=int, default=20_000, help="Records for the quality comparison")
    parser.add_argument("--records", type=int, default=1_000_000, help="Records to de-duplicate for speed")
    parser.add_argument("--register", type=int, default=100_000, help="People in the search register")
    parser.add_argument("--searches", type=int, default=1000)
    args = parser.parse_args()
    scratch = tempfile.mkdtemp(prefix="linkage-bench-")
    os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/register.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
    import django

    django.setup()
    from liaison.linkage import model

    print(f"Model {model.current().version} ({model.MODEL_PATH.relative_to(ROOT)})")
    if args.quality:
        quality(args.quality)
    if args.records:
        speed(args.records)
    if args.register:
        search(args.register, args.searches)


if __name__ == "__main__":
    main()
