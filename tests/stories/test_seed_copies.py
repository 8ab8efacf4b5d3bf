"""Two copies of the seed page behind different boilerplate: one story, one set of events."""

from __future__ import annotations

from pathlib import Path

import herald
from tests.conftest import SEED

# the seed's own page furniture, and another site's in its place
SEED_FURNITURE = (
    "Canada: Free $30",
    "USA: Free $30",
    "Share with friends",
    "You can publish this article",
    "Be the first to comment",
    "Leave a Reply",
    "Your email address",
    "*",
)
OTHER_HEADER = "WORLD BRIEF\nHome | Europe | Russia | Opinion\nAdvertisement\n"
OTHER_FOOTER = (
    "\nRelated: Oil prices fall for a third day\nTweet  Share  Email\n"
    "Comments are closed.\n(c) 2011 World Brief. All rights reserved.\n"
)


def other_site_copy(page: str) -> str:
    lines = [ln for ln in page.splitlines() if not ln.strip().startswith(SEED_FURNITURE)]
    title, rest = lines[0], "\n".join(lines[1:])
    return f"{OTHER_HEADER}\n{title}\n\nBy World Brief staff\n{rest.strip()}\n{OTHER_FOOTER}"


def test_two_copies_of_the_seed_are_one_story_with_one_set_of_events(tmp_path: Path) -> None:
    page = SEED.read_text(encoding="utf-8")
    copy = other_site_copy(page)
    assert copy != page and "Free $30" not in copy and "Oye! Times" not in copy
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a-oye-times.txt").write_text(page, encoding="utf-8")
    (tmp_path / "in" / "b-world-brief.txt").write_text(copy, encoding="utf-8")
    db = str(tmp_path / "seed.duckdb")
    summary = herald.run([str(tmp_path / "in")], db=db)
    assert summary.added == 2 and summary.errors == 0
    with herald.open(db) as store:
        stories = store.stories()
        assert stories["num_documents"].tolist() == [2], stories
        assert stories["num_sources"].tolist() == [2]
        per_copy = store.events(merged=False)
        merged = store.events()
        counts = per_copy.groupby("doc_id").size().tolist()
        assert len(counts) in (0, 2) and len(set(counts)) <= 1  # both copies coded alike
        assert len(merged) == len(per_copy) // 2  # ... and their events stored once
        assert set(merged["num_documents"]) <= {2}
        assert store.summary()["events (one per story)"] == len(merged)
