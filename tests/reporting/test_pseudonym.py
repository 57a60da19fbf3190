"""The keyed pseudonym: stable for one key, different with another, never the id itself."""

from __future__ import annotations

from liaison.reporting.pseudonym import Pseudonymiser, current_key, new_key_file


def test_the_same_key_gives_the_same_pseudonym():
    assert Pseudonymiser("key one")("person-1") == Pseudonymiser("key one")("person-1")


def test_another_key_gives_another_pseudonym():
    assert Pseudonymiser("key one")("person-1") != Pseudonymiser("key two")("person-1")


def test_a_person_and_an_episode_with_the_same_id_do_not_share_a_pseudonym():
    p = Pseudonymiser("key one")
    assert p("abc") != p.episode("abc")
    assert "abc" not in p("abc")


def test_the_key_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("LIAISON_PSEUDONYM_KEY", "from the environment")
    assert current_key() == "from the environment"


def test_in_development_a_key_is_generated_once_into_the_data_dir_and_rotated_on_demand(
    monkeypatch, settings, tmp_path
):
    monkeypatch.delenv("LIAISON_PSEUDONYM_KEY", raising=False)
    settings.DATA_DIR = tmp_path
    first = current_key()
    assert current_key() == first
    assert (tmp_path / "pseudonym_key").stat().st_mode & 0o777 == 0o600
    new_key_file()
    assert current_key() != first
