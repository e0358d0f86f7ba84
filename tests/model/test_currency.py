"""Currency, in the data: bad currency data (an unknown source or item in a change, a reference of
the wrong kind, a stale actor or mention, a change that affects nothing or has a bad date, an
amendments log out of order or naming no page) is reported with its file, line and change. The
notices on the built pages are site/test_currency_site.py's."""
import shutil

from navigation_support import data, edit, line_of, problems  # noqa: F401
from project import ROOT


# --- bad data ---------------------------------------------------------------------------------

def test_an_unknown_source_or_item_in_a_change_names_file_line_and_change(data):
    edit(data / "currency.yml", "sources: [ph28]", "sources: [ph99]")
    edit(data / "currency.yml", "actors: [\"Social Work Reform Board\"]",
         "actors: [\"Social Work Reform Board\"]\n      items: [point-99]")
    messages = problems(data)
    assert len(messages) == 2, messages
    unknown_source, unknown_item = sorted(messages, key=line_of)
    assert unknown_source.startswith("data/currency.yml:") and "item 'change-ph28'" in unknown_source
    assert "unknown id 'ph99'" in unknown_source
    assert "ph99" in (data / "currency.yml").read_text(encoding="utf-8").splitlines()[line_of(unknown_source) - 1]
    assert "item 'change-swrb'" in unknown_item and "unknown id 'point-99'" in unknown_item


def test_a_source_reference_of_the_wrong_kind(data):
    edit(data / "currency.yml", "sources: [ph28]", "sources: [rec-50]")
    [message] = problems(data)
    assert "item 'change-ph28'" in message and "'rec-50' is a Recommendation, expected Source" in message


def test_an_actor_or_mention_that_names_no_item_is_stale(data):
    edit(data / "currency.yml", "actors: [\"Social Work Reform Board\"]", "actors: [\"Social Work Reform Bored\"]")
    edit(data / "currency.yml", "mentions: [\"ContactPoint\"]", "mentions: [\"Contact Point\"]")
    messages = problems(data)
    assert any("item 'change-swrb'" in msg and "no recommendation names 'Social Work Reform Bored'" in msg
               for msg in messages), messages
    assert any("item 'change-contactpoint'" in msg and "no item names 'Contact Point'" in msg for msg in messages)
    assert len(messages) == 2


def test_a_change_that_affects_nothing_or_has_a_bad_date(data):
    edit(data / "currency.yml", "    affects:\n      mentions: [\"ContactPoint\"]\n", "    affects: {}\n")
    edit(data / "currency.yml", 'date: "2009-06"', 'date: "June 2009"')
    messages = problems(data)
    assert any("change-contactpoint" in msg and "must affect something" in msg for msg in messages), messages
    assert any("change-integrated-childrens-system" in msg and "field 'date'" in msg for msg in messages), messages


def test_the_amendments_log_is_newest_first_and_names_real_pages(data):
    shutil.copytree(ROOT / "docs", data.parent / "docs")  # pages are checked where there are pages
    edit(data / "amendments.yml", "    pages: all\n", "    pages: [recommendations.md, no-such-page.md]\n"
                                                    "  - date: \"2026-12-01\"\n    summary: \"Later.\"\n"
                                                    "    pages: all\n")
    messages = problems(data)
    assert any("data/amendments.yml" in msg and "newest first" in msg for msg in messages), messages
    assert any("pages: no page docs/no-such-page.md" in msg for msg in messages), messages
    assert len(messages) == 2
