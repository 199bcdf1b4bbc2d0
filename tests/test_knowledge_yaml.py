"""Knowledge files are word lists: a word YAML reads as a boolean must never slip in silently."""

from __future__ import annotations

from pathlib import Path

import pytest

from conflictwire import knowledge


def test_every_packaged_knowledge_file_loads_without_a_boolean_in_a_word_list():
    root = Path(knowledge.__file__).parent
    files = sorted(root.rglob("*.yaml"))
    assert files
    for path in files:
        knowledge.load_yaml(path)  # raises on [on, ...] / [no, ...]


def test_an_unquoted_on_in_a_users_word_list_is_a_clear_error_naming_the_file(tmp_path):
    override = tmp_path / "hedges.yaml"
    override.write_text("negative_determiners: [no, none, neither]\n", encoding="utf-8")
    with pytest.raises(ValueError) as raised:
        knowledge.load_yaml(override)
    message = str(raised.value)
    assert str(override) in message and "negative_determiners" in message and "quote" in message


def test_quoted_words_and_boolean_settings_load():
    data = knowledge._boolean_in_a_list({"enabled": True, "words": ["on", "no"], "nested": {"flags": [1, 2]}})
    assert data is None
