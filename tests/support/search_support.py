"""The handbook's search run as a reader's browser runs it, without a browser: Node loads the
very scripts a page loads (tests/render/search/run_questions.js), over a built site or over the
search files alone (`search_files`, made from the handbook without building its pages). The
public questions (tests/render/search/questions.yml, and those written apart from the vocabulary,
questions-apart.yml) and their figures, shared by the tests and `make bench`."""
from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import yaml

from project import ROOT

QUESTIONS = ROOT / "tests" / "render" / "search" / "questions.yml"
APART = ROOT / "tests" / "render" / "search" / "questions-apart.yml"  # written apart from the vocabulary
RUNNER = ROOT / "tests" / "render" / "search" / "run_questions.js"
ENGINE = "assets/javascripts/search-engine.js"


def records_in(script: str) -> list[dict]:
    """The records a built search/records.js holds."""
    import re
    return json.loads(re.search(r"search\.records = (\[.*?\]);\s*search\.vocabulary = ", script).group(1))


def questions(path: Path = QUESTIONS) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def search_files(book, folder: Path) -> Path:
    """What a page loads to search (the library, the engine, the records), in `folder` laid out
    as in a built site with directory URLs."""
    from macros.finish import RECORDS
    from macros.products.search import add_search_library
    from macros.render.search import records_script
    add_search_library(folder)
    (folder / ENGINE).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "docs" / ENGINE, folder / ENGINE)
    (folder / RECORDS).parent.mkdir(parents=True, exist_ok=True)
    (folder / RECORDS).write_text(records_script(book, True, ROOT / "docs"), encoding="utf-8")
    return folder


def ranked(site: Path, asked: list[str], own_words_only: bool = False) -> list[list[str]]:
    """The ids of the first ten results of each question, best first (own_words_only: all the
    results, without the practitioners' words)."""
    node = shutil.which("node")
    if node is None:
        raise RuntimeError("the search figures need Node.js (apt-get install nodejs)")
    done = subprocess.run([node, str(RUNNER), str(site)] + (["--own"] if own_words_only else []),
                          input=json.dumps(asked), capture_output=True, text=True, check=True)
    return json.loads(done.stdout)


@dataclass(frozen=True)
class Figures:
    questions: int
    hit1: float     # the answering record is the first result
    hit3: float     # ... among the first three
    hit5: float
    mrr: float      # mean reciprocal rank of the first answering record (0 beyond the tenth)
    misses: list[tuple[int | None, str, list[str], list[str]]]  # (rank, question, answers, first three)


def figures(asked: list[dict], results: list[list[str]]) -> Figures:
    ranks, misses = [], []
    for question, got in zip(asked, results):
        rank = next((i + 1 for i, rid in enumerate(got) if rid in question["answers"]), None)
        ranks.append(rank)
        if rank != 1:
            misses.append((rank, question["q"], question["answers"], got[:3]))
    n = len(asked)
    within = lambda k: sum(1 for r in ranks if r and r <= k) / n  # noqa: E731
    return Figures(n, within(1), within(3), within(5), sum(1 / r for r in ranks if r) / n, misses)
