"""Broken data stops a real build (`mkdocs build` and the finish step, on a copy of the project)
with its one clear message and no traceback, and no page is written."""
from navigation_support import edit
from project import copy_project, mkdocs_build


def test_broken_data_stops_the_real_build_with_the_message_and_no_traceback(tmp_path):
    project = copy_project(tmp_path / "project")
    edit(project / "data" / "recommendations.yml", "rec-33, rec-34", "rec-99, rec-34")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode != 0
    assert "data/recommendations.yml" in result.stderr and "unknown id 'rec-99'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
