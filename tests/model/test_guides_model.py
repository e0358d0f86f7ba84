"""The quick guides' edition setting (`extra.edition` in mkdocs.yml): a missing one is one clear
message."""
from __future__ import annotations

import pytest

from macros.model.edition import Edition
from macros.model.loading import DataError


def test_a_missing_edition_setting_is_one_clear_message():
    with pytest.raises(DataError) as caught:
        Edition.of({})
    assert [str(p) for p in caught.value.problems] == [
        "mkdocs.yml: item 'extra.edition': missing required field 'version'",
        "mkdocs.yml: item 'extra.edition': missing required field 'current_url'"]
    with pytest.raises(DataError, match="item 'extra.edition': missing required field 'current_url'"):
        Edition.of({"edition": {"version": "2"}})
