"""CHANGELOG.md has one section for the version herald says it is, and no version twice."""

from __future__ import annotations

import re

import herald
from tests.conftest import ROOT


def test_changelog_has_a_section_for_this_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    versions = re.findall(r"^## \[([^\]]+)\]", text, flags=re.M)
    assert versions[0] == "Unreleased"
    assert len(versions) == len(set(versions)), f"a version listed twice: {versions}"
    assert herald.__version__ in versions, f"CHANGELOG.md has no section [{herald.__version__}]"
