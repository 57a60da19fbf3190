"""`liaison linkage train | dedupe | index`: the record-linkage model and what runs it.

- `train` retrains the model with Splink (DuckDB) on the register, or on the labelled synthetic
  set (`--synthetic N`), and writes the versioned file `liaison/linkage/model/person.json`
  (commit it: every suggestion names the version it came from).
- `dedupe --input people.csv --output clusters.csv` clusters a file with the same model; it
  touches no database of the service.
- `index` rebuilds the blocking keys of every person (after a bulk load, which bypasses them).
- `evaluation-file --by ANALYST --output F.csv [--from DATE --to DATE]` writes the evaluation
  linkage file of people with research consent (`liaison.linkage.evaluation`), audited.
- `review` scores the whole person table and fills the review queue of likely duplicates (pairs
  decided "not the same person" are never suggested again).
"""

from __future__ import annotations

import time
from argparse import ArgumentParser, ArgumentTypeError
from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from liaison.linkage import model
from liaison.linkage.dedupe import BadInput
from liaison.linkage.dedupe_file import dedupe_file

# Too few people to learn anything from: EM needs pairs that match.
MIN_REGISTER = 1000


class Command(BaseCommand):
    help = "Record linkage: train the model, de-duplicate a file, rebuild the blocking keys, fill the review queue."

    def add_arguments(self, parser: ArgumentParser) -> None:
        actions = parser.add_subparsers(
            dest="action", required=True, metavar="{train,dedupe,index,review,evaluation-file}"
        )
        train = actions.add_parser("train", help="Retrain the model and write the versioned file")
        train.add_argument(
            "--synthetic", type=int, metavar="N", help="Train on N labelled synthetic records instead of the register"
        )
        train.add_argument("--seed", type=int, default=7, help="Seed of the synthetic set (default 7)")
        train.add_argument("--output", type=Path, default=model.MODEL_PATH, help="Where to write the model file")
        dedupe = actions.add_parser("dedupe", help="Cluster the records of a CSV file into people")
        dedupe.add_argument("--input", type=Path, required=True)
        dedupe.add_argument("--output", type=Path, required=True)
        actions.add_parser("index", help="Rebuild every person's blocking keys")
        actions.add_parser("review", help="Fill the review queue with likely duplicates in the register")
        evaluation = actions.add_parser(
            "evaluation-file", help="Write the evaluation linkage file of people with research consent (audited)"
        )
        evaluation.add_argument("--by", required=True, metavar="USERNAME", help="The national analyst taking it")
        evaluation.add_argument("--output", type=Path, required=True)
        evaluation.add_argument("--from", dest="first", type=_day, help="First index date, YYYY-MM-DD")
        evaluation.add_argument("--to", dest="last", type=_day, help="Last index date, YYYY-MM-DD")

    def handle(self, *args: Any, **options: Any) -> None:
        getattr(self, f"_{options['action'].replace('-', '_')}")(options)

    def _evaluation_file(self, options: dict[str, Any]) -> None:
        from liaison.accounts.models import User
        from liaison.core.errors import DomainError
        from liaison.linkage.evaluation import write_file

        by = User.objects.filter(username=options["by"], is_active=True).first()
        if by is None:
            raise CommandError(f"No active user {options['by']!r}.")
        try:
            written = write_file(by=by, output=options["output"], first=options["first"], last=options["last"])
        except DomainError as e:
            raise CommandError(e.message) from None
        except OSError as e:
            raise CommandError(f"Cannot write {options['output']}: {e.strerror}") from None
        self.stdout.write(f"{written.rows} people ({written.filter}), export audited: {options['output']}")

    def _train(self, options: dict[str, Any]) -> None:
        from liaison.linkage import training

        started = time.perf_counter()
        if options["synthetic"]:
            records, labels, trained_on = _synthetic(options["synthetic"], options["seed"])
            trained = training.train_labelled(records, labels)
        else:
            records, trained_on = _register()
            if len(records) < MIN_REGISTER:
                raise CommandError(
                    f"The register has {len(records)} people: too few to train on (at least {MIN_REGISTER}). "
                    "Use --synthetic N to train on the labelled synthetic set."
                )
            trained = training.train_unlabelled(records)
        previous = model.current().version if model.MODEL_PATH.exists() else None
        document = training.document(trained, trained_on=trained_on, previous=previous, records=len(records))
        model.from_document(document)  # refuses a file the scorer could not read
        training.write(document, options["output"])
        took = time.perf_counter() - started
        self.stdout.write(f"Model {document['version']} trained on {trained_on} in {took:.1f} s: {options['output']}")

    def _dedupe(self, options: dict[str, Any]) -> None:
        started = time.perf_counter()
        try:
            records, people = dedupe_file(options["input"], options["output"])
        except BadInput as e:
            raise CommandError(str(e)) from None
        except OSError as e:
            raise CommandError(f"Cannot write {options['output']}: {e.strerror}") from None
        took = time.perf_counter() - started
        self.stdout.write(f"{records} records, {people} people, in {took:.1f} s: {options['output']}")

    def _index(self, options: dict[str, Any]) -> None:
        from liaison.linkage.keys import rebuild

        self.stdout.write(f"Blocking keys rebuilt for {rebuild()} people")

    def _review(self, options: dict[str, Any]) -> None:
        from liaison.linkage.review import fill

        started = time.perf_counter()
        filled = fill()
        took = time.perf_counter() - started
        self.stdout.write(
            f"{filled.people} people, {filled.pairs_scored} likely pairs, {filled.suggested} new suggestions "
            f"to review (model {model.current().version}), in {took:.1f} s"
        )


def _synthetic(n: int, seed: int) -> tuple[list[Any], list[str], str]:
    from liaison.linkage.records import record
    from liaison.linkage.synthetic import labelled_records

    rows = labelled_records(n, seed=seed)
    records = [record(r["record_id"], **{k: r[k] for k in _FIELDS}) for r in rows]
    return records, [r["person_key"] for r in rows], f"synthetic labelled set: {n:,} records (seed {seed})"


def _register() -> tuple[list[Any], str]:
    from liaison.linkage.keys import person_records
    from liaison.people.models import Person

    records = [person_records(p, aliases=[])[0] for p in Person.objects.iterator(chunk_size=5000)]
    return records, f"the register: {len(records):,} people"


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ArgumentTypeError(f"{text!r} is not a date YYYY-MM-DD") from None


_FIELDS = ("given_name", "family_name", "date_of_birth", "sex", "postcode", "nhs_number", "pnc_id")
