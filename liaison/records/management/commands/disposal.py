"""`liaison disposal`: dispose of a record past retention, reviewed by a second person (ADR 0027).

    liaison disposal list
    liaison disposal propose EPISODE_ID --by USERNAME --reason "..." [--as-of YYYY-MM-DD]
    liaison disposal approve DISPOSAL_ID --by USERNAME [--note "..."]
    liaison disposal reject DISPOSAL_ID --by USERNAME --note "..."
    liaison disposal carry-out DISPOSAL_ID --by USERNAME [--as-of YYYY-MM-DD]

`liaison retention` lists what is past retention; this acts on one episode of that list. Prints
ids and dates, never names. Any refusal (not past retention, the same person reviewing, a role
that may not) exits 1 with its reason.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any
from uuid import UUID

from django.core.management.base import BaseCommand, CommandError

from liaison.accounts.models import User
from liaison.core.errors import DomainError
from liaison.pathway.models import Episode
from liaison.records import actions
from liaison.records.management.commands.retention import _day
from liaison.records.models import Disposal


def _user(username: str) -> User:
    user = User.objects.filter(username=username, is_active=True).first()
    if user is None:
        raise CommandError(f"No active user is called {username!r}")
    return user


def _disposal(text: str) -> Disposal:
    found = Disposal.objects.filter(pk=int(text)).first() if text.isdigit() else None
    if found is None:
        raise CommandError(f"No disposal has the id {text!r}")
    return found


def _episode(text: str) -> Episode:
    try:
        found = Episode.objects.filter(pk=UUID(text)).select_related("scheme").first()
    except ValueError:
        found = None
    if found is None:
        raise CommandError(f"No episode has the id {text!r}")
    return found


class Command(BaseCommand):
    help = "Propose, review and carry out the disposal of an episode past retention."

    def add_arguments(self, parser: ArgumentParser) -> None:
        steps = parser.add_subparsers(dest="step", required=True)
        steps.add_parser("list", help="Disposals not yet carried out or rejected")
        propose = steps.add_parser("propose", help="Propose an episode past retention for disposal")
        propose.add_argument("episode")
        propose.add_argument("--reason", required=True)
        for name in ("approve", "reject", "carry-out"):
            step = steps.add_parser(name)
            step.add_argument("disposal")
            if name != "carry-out":
                step.add_argument("--note", default="")
        for step in (propose, steps.choices["carry-out"]):
            step.add_argument("--as-of", type=_day, help="the day to check retention on (default: today)")
        for step in (propose, steps.choices["approve"], steps.choices["reject"], steps.choices["carry-out"]):
            step.add_argument("--by", required=True, help="the username of who does this step")

    def handle(self, *args: Any, **options: Any) -> None:
        step = options["step"]
        if step == "list":
            for d in Disposal.objects.exclude(status__in=["carried_out", "rejected"]).select_related("episode"):
                self.stdout.write(f"disposal {d.pk}: episode {d.episode_id}, {d.get_status_display().lower()}")
            return
        by = _user(options["by"])
        try:
            if step == "propose":
                d = actions.disposal_propose(
                    episode=_episode(options["episode"]), by=by, reason=options["reason"], as_of=options["as_of"]
                )
                self.stdout.write(f"disposal {d.pk} proposed: another scheme manager or administrator reviews it")
            elif step == "approve":
                d = actions.disposal_approve(disposal=_disposal(options["disposal"]), by=by, note=options["note"])
                self.stdout.write(f"disposal {d.pk} approved")
            elif step == "reject":
                d = actions.disposal_reject(disposal=_disposal(options["disposal"]), by=by, note=options["note"])
                self.stdout.write(f"disposal {d.pk} rejected")
            else:
                d = actions.disposal_carry_out(disposal=_disposal(options["disposal"]), by=by, as_of=options["as_of"])
                self.stdout.write(f"disposal {d.pk} carried out: {d.rows_disposed} rows' content replaced")
        except DomainError as e:
            raise CommandError(e.message) from None
