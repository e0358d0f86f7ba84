"""The data holds the guidance's own words: every seed item is there, nothing is invented,
and none of the extraction noise survives."""
import re

import pytest
import yaml

from macros.model import shapes as m
from macros.model.book import walk
from project import REFERENCE, ROOT, SOURCES

_TAGS = re.compile(r"<[^>]+>")
_GLYPHS = re.compile(r"[•○▪❖]")


def normalise(text: str) -> str:
    text = _GLYPHS.sub(" ", _TAGS.sub(" ", text)).replace("*", "")
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def source_text(*names: str) -> str:
    return normalise(" ".join((SOURCES / n).read_text(encoding="utf-8") for n in names))


PH28 = ("nice-scie-ph28-professional-collaboration.txt", "nice-scie-ph28-training-for-professionals.txt")
DERBYSHIRE = ("learning-lessons-improving-practice-derbyshire.txt",)
CORPUS = {
    "recommendations.yml": PH28,
    "escalation.yml": ("resolving-professional-disagreements-escalation.txt",),
    "fourteen_points.yml": DERBYSHIRE,
    "pledge_tool.yml": DERBYSHIRE,
    "lessons.yml": DERBYSHIRE,
    "professional_dimension.yml": DERBYSHIRE,
    "references.yml": DERBYSHIRE,
    "seven_steps.yml": ("seven-steps-to-better-protection.txt",),
}
# Fields that hold the source's words (everything else is ids, numbers, notes or metadata).
WORD_FIELDS = {"text", "evidence", "who", "actions_intro", "example", "intro", "title", "list_title",
               "label", "instruction", "citation", "considerations", "detail", "additional_detail",
               "items", "authors", "details", "areas_intro", "points_intro", "table_title", "table_subtitle"}
# Words the handbook had to put together itself, each with its reason.
NOT_VERBATIM = {
    # The escalation extract has no title line; the sources README names the procedure.
    "Resolving professional disagreements (escalation)",
    # Point 5's sub-item is split by a page break inside the table (note on point-5).
    "clarity about who is responsible for which action between individuals and across agencies",
    # The bracket caption is printed in pieces beside the list it spans (note on that entry).
    "linked to clarity and shared understanding of thresholds for intervention",
}


def words(node, key=None):
    """Every string under a word field of a raw YAML tree."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k in WORD_FIELDS or (key in WORD_FIELDS and k == "text"):
                yield from words(v, k)
            elif isinstance(v, (dict, list)) and k not in {"note", "see_also"}:
                yield from words(v, k)
    elif isinstance(node, list):
        for v in node:
            yield from words(v, key)
    elif isinstance(node, str) and key in WORD_FIELDS and not re.fullmatch(m.ID_PATTERN, node):
        yield node  # (a pledge row's `details` is the id of the point it links to)


@pytest.mark.parametrize("name", sorted(CORPUS))
def test_every_transcribed_string_is_in_its_source(name):
    raw = yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))
    corpus = source_text(*CORPUS[name])
    strings = list(words(raw))
    if name == "recommendations.yml":  # titles of recommendations not reproduced come from the index
        corpus += " " + normalise((REFERENCE / "ph28-index.md").read_text(encoding="utf-8"))
    missing = [s for s in strings if s not in NOT_VERBATIM and normalise(s) not in corpus]
    assert len(strings) > 5
    assert not missing, f"{len(missing)} strings not found in the source: {missing[:5]}"


def test_glossary_expansions_said_to_be_in_the_source_are_there(book):
    corpus = " ".join(normalise(p.read_text(encoding="utf-8")) for p in SOURCES.glob("*.txt"))
    for term in book.glossary:
        assert term.abbr.rstrip("s") in corpus, term.abbr
        if term.expanded_in_source:
            assert normalise(term.expansion) in corpus, term.abbr


# --- seed items: every item of every source is present ------------------------------------------

def test_all_fourteen_points_with_their_titles(book):
    text = (SOURCES / DERBYSHIRE[0]).read_text(encoding="utf-8")
    section7 = text[text.index("7) Three areas and fourteen points"):text.index("8) Developing and improving")]
    # A point's title cell is followed by its bullets; an area's heading row by an empty cell.
    printed = {int(n): normalise(t) for n, t in re.findall(r"<p>(\d+)\) (.+?)</p>\s*<ul", section7)}
    assert sorted(printed) == list(range(1, 15))
    points = {p.number: normalise(p.title) for p in book.fourteen_points.points}
    assert points == printed
    assert [a.number for a in book.fourteen_points.areas] == [1, 2, 3]
    assert all(p.detail or p.additional_detail for p in book.fourteen_points.points)


def test_every_escalation_paragraph_and_step(book):
    text = (SOURCES / "resolving-professional-disagreements-escalation.txt").read_text(encoding="utf-8")
    printed = set(re.findall(r"^(\d\.\d(?:\.\d)?) \|", text, re.M))
    assert len(printed) == 7 + 7 + 4 + 13
    found = {obj.number for loaded in [book.loaded["escalation.yml"]]
             for _p, obj in walk(loaded.model) if isinstance(obj, (m.EscParagraph, m.EscProcess))}
    assert found == printed
    concerns = book["esc-1.3"].items
    assert len(concerns) == 8 and concerns[-1].text.startswith("Not fulfilling their roles")


def _ph28_lists(name):
    """(recommendation number, actors, action bullets) as printed, noise removed."""
    text = (SOURCES / name).read_text(encoding="utf-8")
    for block in re.split(r"^Recommendation (?=\d+ )", text, flags=re.M)[1:]:
        number = int(block.split()[0])
        who_part, _, action_part = block.partition("What action should they take")
        who_lines = who_part.split("Who should take action?")[1].strip().splitlines()
        actors = [l.removeprefix("- ").strip() for l in who_lines if l.strip() not in ("", "-")]
        actions = [l.removeprefix("- ").strip() for l in action_part.splitlines()[1:]
                   if l.strip() and l.strip() not in ("-", "- 27.") and not l.startswith("- For further")]
        yield number, actors, [a.replace("(27)", "") for a in actions]


def test_five_recommendations_with_every_actor_and_action(book):
    reproduced = [r for r in book.recommendations.recommendations if r.reproduced]
    assert [r.number for r in reproduced] == [6, 7, 50, 51, 52]
    for name in PH28:
        for number, actors, actions in _ph28_lists(name):
            rec = book[f"rec-{number}"]
            assert rec.who == actors
            data = [normalise(rec.actions_intro or "")] + [normalise(e.text) for _p, e in walk(rec)
                                                           if isinstance(e, m.Entry)]
            for action in actions:
                assert normalise(action) in data, (number, action)


def test_seven_steps(book):
    titles = [s.title for s in book.seven_steps.steps]
    assert titles == ["INTERAGENCY WORKING", "UNDERSTANDING OF OTHER AGENCIES’ ROLES", "COMMUNICATION",
                      "RECORDING", "SUPERVISION", "RISK MANAGEMENT", "DECISION-MAKING"]


def test_every_appendix_2_dimension(book):
    text = (SOURCES / DERBYSHIRE[0]).read_text(encoding="utf-8")
    appendix = text[text.index("Appendix 2: The Professional Dimension"):]
    printed: dict[str, list[str]] = {}
    domain = None
    for line in appendix.splitlines():
        cells = line.split("\t")
        if line.startswith("'") and line.rstrip("\t ").endswith("domain"):
            domain = line.strip()
            printed[domain] = []
        elif domain and len(cells) > 1 and cells[0].strip() and cells[0] != "Dimension":
            printed[domain].append(normalise(cells[0]))
    data = {d.title: [x.title for x in d.dimensions] for d in book.professional_dimension.domains}
    assert data == printed
    assert sum(len(v) for v in data.values()) == 47


def test_pledge_tool_rows_cover_the_fourteen_points_and_the_evidence_codes(book):
    tool = book.pledge_tool
    assert [p.point for g in tool.rows for p in g.points] == [f"point-{n}" for n in range(1, 15)]
    assert [e.code for e in tool.evidence_sources] == ["SR", "SUR", "MR", "CR"]
    assert tool.extra_rows.labels == ["a", "b", "c", "d", "e"]


# --- noise is gone ---------------------------------------------------------------------------

NOISE = ["Open", "Comments are closed", "More from Community Care", "Have your say", "(27)", "Caption:",
         "<p>", "<ul", "<i>", "•", "○", "▪", "❖", "See details on p."]


@pytest.mark.parametrize("path", sorted((ROOT / "data").glob("*.yml")), ids=lambda p: p.name)
def test_no_extraction_noise(path):
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    for s in words(raw):
        for noise in NOISE:
            if noise == "Open":
                assert not s.rstrip().endswith(" Open") and s.strip() != "Open", s
            else:
                assert noise not in s, (noise, s)
        assert s.strip() not in ("-", "|"), s


def test_no_repeated_trailing_bullet(book):
    for rec in book.recommendations.recommendations:
        if len(rec.actions) > 1:
            assert rec.actions[0].text != rec.actions[-1].text, rec.id


def test_ofsted_list_kept_once(book):
    texts = [normalise(e.text) for _p, e in walk(book.lessons) if isinstance(e, m.Entry)]
    assert texts.count("Poor understanding of basic child protection signs, symptoms and risk factors by staff "
                       "in mainstream services") == 1


# --- coverage: every line of every source reached the data -----------------------------------

def _flat(text: str) -> str:
    """Letters and digits only: compares wording while ignoring how fields split punctuation."""
    return re.sub(r"\s+", " ", re.sub(r"[^0-9a-z]+", " ", normalise(text).lower())).strip()


def _all_strings(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k not in {"id", "note", "see_also", "source", "section"}:
                yield from _all_strings(v)
    elif isinstance(node, list):
        for v in node:
            yield from _all_strings(v)
    elif isinstance(node, str):
        yield node


# Source lines that are rightly not in the data, each with its reason.
EXPECTED_ABSENT = [
    r"^What action should they take\??( Open)?$",  # label (rendered by the page) + button residue
    r"^Who should take action\?$",  # label rendered by the page
    r"^Recommendation \d+ ",  # heading: number and title are stored as separate fields
    r"^SCIE/NICE recommendations on looked after children",  # web page banner of the PH28 extracts
    r"^Caption: |^CAPTION: ",  # table residue
    r"^How can social workers avoid|^More from Community Care$|^Comments are closed\.$",  # web residue
    r"^See details on p\. 23-27 above$",  # a link to the section 7 table (pledge rows' `details`)
    r"^Everybody's Business$|^\(First edition\)$",  # the Derbyshire cover page
    r"\) (linked to clarity and shared|understanding of thresholds for|intervention)$",  # the 6 c) bracket
    r"^Galilee, J The Scottish Office",  # reference whose publisher precedes its title (note on it)
    r"^---$",
]


@pytest.mark.parametrize("name", sorted(p.name for p in SOURCES.glob("*.txt")))
def test_every_line_of_the_source_is_in_the_data(name):
    corpus = " ".join(_flat(s) for p in sorted((ROOT / "data").glob("*.yml"))
                      for s in _all_strings(yaml.safe_load(p.read_text(encoding="utf-8"))))
    units = re.split(r"\n|\t|<p>|</p>|<ul[^>]*>|</ul>|[•○▪❖]", (SOURCES / name).read_text(encoding="utf-8"))
    missing = []
    for unit in units:
        text = normalise(unit).removeprefix("- ").strip(" |").replace("(27)", "")
        text = re.sub(r"^(\d+|[a-z]|[ivx]+)\)\s*|^Appendix \d: ", "", text)
        if len(_flat(text)) < 3 or any(re.search(p, text) for p in EXPECTED_ABSENT):
            continue
        if _flat(text) not in corpus:
            missing.append(text)
    assert not missing, f"{len(missing)} source lines not in data/: {missing[:5]}"
