"""`rows.new` makes the row `Model(**values)` makes."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from liaison.accounts.models import User
from liaison.assessment.models import Assessment
from liaison.demo.rows import new
from liaison.pathway.models import Episode, PathwayEvent
from liaison.people.models import Alias, Person


def _same(a, b) -> None:
    assert type(a) is type(b)
    assert {k: v for k, v in vars(a).items() if k != "_state"} == {k: v for k, v in vars(b).items() if k != "_state"}
    assert a._state.adding and b._state.adding and a._state.db is None
    assert a._state.fields_cache.keys() == b._state.fields_cache.keys()


def test_it_sets_the_same_attributes_defaults_and_cached_rows():
    by = User(pk=4, username="x")
    person = Person(id=uuid.UUID(int=5), given_name="A", family_name="B")
    at = datetime(2025, 1, 2, 3, 4, tzinfo=UTC)
    _same(
        new(Person, id=person.id, given_name="A", family_name="B", created_by=by),
        Person(id=person.id, given_name="A", family_name="B", created_by=by),
    )
    _same(new(Alias, person=person, given_name="C"), Alias(person=person, given_name="C"))
    episode = new(Episode, id=uuid.UUID(int=6), person=person, site_id=3, current_site_id=3, scheme_id=2,
                  identified_at=at, target_minutes=60, created_by=by)  # fmt: skip
    _same(episode, Episode(id=uuid.UUID(int=6), person=person, site_id=3, current_site_id=3, scheme_id=2,
                           identified_at=at, target_minutes=60, created_by=by))  # fmt: skip
    event = new(PathwayEvent, episode=episode, kind="episode:identify", occurred_at=at, recorded_at=at, actor=by)
    _same(event, PathwayEvent(episode=episode, kind="episode:identify", occurred_at=at, recorded_at=at, actor=by))


def test_a_row_given_before_it_has_an_id_is_cached_and_a_one_to_one_points_back():
    event = PathwayEvent(kind="episode:assess")
    a = new(Assessment, event=event, version=1)
    assert a.event_id is None and a.event is event
    assert event.assessment is a


def test_a_default_made_per_row_is_made_anew():
    a, b = new(PathwayEvent), new(PathwayEvent)
    assert a.data == {} and a.data is not b.data


def test_an_unknown_name_is_refused_as_the_model_refuses_it():
    import pytest

    with pytest.raises(TypeError):
        new(Person, nickname="x")
