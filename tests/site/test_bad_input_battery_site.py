"""The bad-input battery's last case: a failed `make build` (broken data in a copy of the project,
the real Makefile) leaves the last good site/ exactly as it was."""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from navigation_support import rewrite_line
from project import ROOT, copy_project


# --- a failed `make build` leaves the last good site/ as it was --------------------------

def tree_hash(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_make_build_leaves_the_previous_site_exactly_as_it_was(tmp_path, site):
    project = copy_project(tmp_path / "project")
    (project / "scripts").mkdir()
    for name in ("Makefile", "requirements.txt", "scripts/prerequisites.sh"):
        shutil.copy2(ROOT / name, project / name)  # with their times, so make sees nothing to install
    shutil.copytree(site, project / "site")       # the last good build
    before = tree_hash(project / "site")
    rewrite_line(project / "data" / "recommendations.yml", "rec-33, rec-34", lambda l: l.replace("rec-33", "rec-99"))
    venv = Path(sys.prefix)
    result = subprocess.run(["make", "-C", str(project), "build", f"VENV={venv}", "-o", str(venv / ".installed")],
                            capture_output=True, text=True)
    assert result.returncode != 0
    assert "data/recommendations.yml" in result.stderr and "unknown id 'rec-99'" in result.stderr
    assert tree_hash(project / "site") == before
