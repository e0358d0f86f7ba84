"""Who should act, in the data: bad audience data (a name that names no item, a duplicate id, a
misspelt field) is reported with its file, line and item. The audience pages are
site/test_audiences_site.py's; a reader's clicks, browsers/test_audiences_browser.py's."""
from navigation_support import data, edit, problems  # noqa: F401


# --- bad data ---------------------------------------------------------------------------------

def test_a_name_that_names_no_item_is_stale(data):
    edit(data / "audiences.yml", '      - "Designated or Named Professional"\n',
         '      - "Designated or Named Professionals"\n')
    [message] = problems(data)
    assert message.startswith("data/audiences.yml:") and "item 'health'" in message
    assert "no item names 'Designated or Named Professionals'" in message
    line = int(message.split(":")[1])
    assert "Named Professionals" in (data / "audiences.yml").read_text(encoding="utf-8").splitlines()[line - 1]


def test_a_duplicate_audience_id(data):
    edit(data / "audiences.yml", "  - id: iros\n", "  - id: social-workers\n")
    [message] = problems(data)
    assert "data/audiences.yml" in message and "item 'social-workers'" in message and "duplicate audience id" in message


def test_a_misspelt_field(data):
    edit(data / "audiences.yml", "    names:\n      - \"supervision\"\n", "    nmaes:\n      - \"supervision\"\n")
    messages = problems(data)
    assert any("item 'supervisors'" in msg and "missing required field 'names'" in msg for msg in messages)
    assert any("item 'supervisors'" in msg and "unknown field 'nmaes'" in msg for msg in messages)
    assert len(messages) == 2
