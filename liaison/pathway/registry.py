"""What the apps above pathway contribute to an episode, registered when each app starts.

Pathway is the lowest clinical layer: it must not import screening, assessment, referrals or
sharing, yet the episode page shows their sections, the worklist their panels (follow-ups due),
the closure asks whether support continues and the steps have pages of their own. Each app
registers those here from its `AppConfig.ready()`; pathway reads the registry. (How each app's
events read on the timeline is registered the same way, in `pathway.timeline.reads`.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse

from liaison.accounts.models import User
from liaison.pathway.models import Episode
from liaison.pathway.stages import Step
from liaison.people.actions import PersonDetails

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Section:
    """A section of the episode page: a template rendered in `order` with the episode, the user
    and what `context` fetches for them. The page's view calls `context` (issue 13): the
    section's queries are the view's, counted by its tests, never issued from a template tag."""

    name: str
    template: str
    order: int
    context: Callable[[User, Episode], dict[str, Any]] | None = None


@dataclass(frozen=True)
class Panel:
    """A panel of the worklist, below the open episodes: a template, and what it shows the user
    (fetched by the worklist's view, so the template issues no queries of its own)."""

    name: str
    template: str
    order: int
    context: Callable[[User], dict[str, Any]]


@dataclass(frozen=True)
class StepPage:
    """The page that takes a step, served at `episodes/<id>/<path>/` as `pathway:<step>`."""

    step: Step
    path: str
    view: View


_sections: dict[str, Section] = {}
_panels: dict[str, Panel] = {}
_step_pages: dict[Step, StepPage] = {}
# Things that continue after an episode would close (active referrals): closing asks first.
_continuing: list[Callable[[Episode], Sequence[Any]]] = []
# "Seen before?": people in the register who may be the person being identified (linkage
# registers it). Each candidate has `person`, `visible`, `probability`, `score.agreements`
# and `known_to`, best first.
SeenBefore = Callable[[User, PersonDetails], Sequence[Any]]
_seen_before: list[SeenBefore] = []

# What must be on the record before a step is taken (service consent before screening): each
# check raises a coded error (a `DomainError`) when it is not, and `take_step` asks them all.
_prerequisites: dict[Step, list[Callable[[Episode], None]]] = {}


def add_section(section: Section) -> None:
    _sections[section.name] = section


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.name))


def add_panel(panel: Panel) -> None:
    _panels[panel.name] = panel


def panels() -> list[Panel]:
    return sorted(_panels.values(), key=lambda p: (p.order, p.name))


def add_step_page(step: Step, *, path: str, view: View) -> None:
    _step_pages[step] = StepPage(step, path, view)


def step_pages() -> list[StepPage]:
    return list(_step_pages.values())


def add_continuing(check: Callable[[Episode], Sequence[Any]]) -> None:
    _continuing.append(check)


def continuing(episode: Episode) -> list[Any]:
    """What still goes on for the episode (e.g. active referrals), for the closure to confirm."""
    return [item for check in _continuing for item in check(episode)]


def set_seen_before(finder: SeenBefore) -> None:
    _seen_before[:] = [finder]


def seen_before(user: User, details: PersonDetails) -> list[Any]:
    """Who the details may be, best first; nobody when no app offers a finder."""
    return [c for finder in _seen_before for c in finder(user, details)]


def add_prerequisite(step: Step, check: Callable[[Episode], None]) -> None:
    _prerequisites.setdefault(step, []).append(check)


def check_prerequisites(step: Step, episode: Episode) -> None:
    """Raise the first prerequisite's error that `episode` does not meet before `step`."""
    for check in _prerequisites.get(step, []):
        check(episode)
