"""The time stage on real text: the seed page (republished 2022, story from autumn 2010) and news
sentences."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from herald.models import Dates, Document, Event
from herald.pipeline import STAGES, run_stage
from herald.time import date as date_docs
from herald.time.stage import STALE_AFTER_DAYS
from tests.conftest import SEED


def _doc(text: str, **dates: str) -> Document:
    return Document(id="t", source="test", text=text, dates=Dates(**dates))


def _run(doc: Document) -> Document:
    return next(date_docs([doc]))


@pytest.fixture(scope="module")
def seed() -> Document:
    raw = SEED.read_text(encoding="utf-8")
    stamp = re.search(r"last updated on (\w+ \d+, \d{4})", raw)
    assert stamp
    updated = datetime.strptime(stamp.group(1), "%B %d, %Y").date().isoformat()
    text = raw.replace(stamp.group(0), "")  # extraction keeps the stamp out of the article text
    return _run(_doc(text, updated=updated))


def test_seed_is_stale_with_autumn_2010_window(seed: Document) -> None:
    lo, hi = seed.dates.events_between
    assert lo and hi
    assert "2009-08-01" <= lo <= "2010-09-25" <= hi <= "2010-11-30"
    assert seed.dates.stale is True
    assert seed.dates.event_date and seed.dates.event_date.startswith("2010-")


def test_seed_evidence_names_the_facts(seed: Document) -> None:
    text = "\n".join(seed.dates.evidence)
    assert "Rasmussen" in text and "2009-08-01..2014-09-30" in text
    assert "Lisbon" in text
    assert "General Assembly" in text
    assert text.startswith("stale:")


def test_true_page_date_is_not_stale() -> None:
    raw = SEED.read_text(encoding="utf-8")
    doc = _run(
        _doc(raw.replace("This article was last updated on April 16, 2022", ""), published="2010-09-27")
    )
    assert doc.dates.stale is False
    assert doc.dates.event_date == "2010-09-27"
    lo, hi = doc.dates.events_between
    assert lo and hi and lo <= "2010-09-27" <= hi


def test_stale_needs_more_than_the_threshold() -> None:
    text = "NATO chief Anders Fogh Rasmussen said Russia and NATO needed to improve ties."
    end = date(2014, 9, 30).toordinal()
    just_after = date.fromordinal(end + STALE_AFTER_DAYS // 2).isoformat()
    long_after = date.fromordinal(end + STALE_AFTER_DAYS * 3).isoformat()
    assert _run(_doc(text, updated=just_after)).dates.stale is False
    late = _run(_doc(text, updated=long_after))
    assert late.dates.stale is True
    assert late.dates.events_between == ["2009-08-01", "2014-09-30"]


def test_former_and_earlier_holders_do_not_bound_the_story() -> None:
    text = (
        "Former Secretary of State Hillary Clinton spoke on Tuesday. President Obama praised the law that "
        "President George W. Bush had opposed."
    )
    doc = _run(_doc(text))
    lo, hi = doc.dates.events_between
    assert lo == "2013-02-01" and hi == "2017-01-20"  # after her term, within Obama's


def test_age_of_a_person_dates_the_story() -> None:
    doc = _run(_doc("Donald Trump, 70, and Hillary Clinton, 68, met for their first debate."))
    assert doc.dates.events_between == ["2016-06-14", "2016-10-25"]


def test_anniversary_and_page_date_agree() -> None:
    doc = _run(
        _doc(
            "Obama spoke at the Pentagon on the 15th anniversary of the 9/11 attacks.", published="2016-09-11"
        )
    )
    assert doc.dates.stale is False
    assert doc.dates.event_date == "2016-09-11"
    assert any("15 years" in line for line in doc.dates.evidence)


def test_no_evidence_falls_back_to_the_page_date() -> None:
    doc = _run(_doc("The council met and agreed to review the budget.", published="2019-03-04"))
    assert doc.dates.event_date == "2019-03-04"
    assert doc.dates.events_between == ["2019-02-25", "2019-03-04"]
    assert doc.dates.stale is False


def test_events_get_dates_from_their_sentence() -> None:
    text = "Lavrov spoke on Thursday in New York. On November 19, 2010, leaders met in Lisbon."
    doc = _doc(text, published="2010-09-27")
    doc.events = [
        Event("CONSULT", None, None, None, None, None, None, "Lavrov spoke on Thursday in New York.", 0, 37),
        Event("CONSULT", None, None, None, None, None, None, "", 38, len(text)),
    ]
    out = _run(doc)
    assert out.events[0].date == "2010-09-23"  # the Thursday before Monday 27 September
    assert out.events[1].date == "2010-11-19"


def test_bad_documents_pass_through() -> None:
    bad = Document(id="x", source="s", status="error", error="unreadable")
    odd = _doc("President Obama spoke.", published="2016-13-45")  # an impossible stamp
    stage = next(s for s in STAGES if s.name == "time")
    out = run_stage(stage, [bad, odd, _doc("")])
    assert len(out) == 3
    assert out[0].dates.event_date is None
    assert out[1].status == "ok" and out[1].dates.event_date is None
    assert len(out[1].warnings) == 1 and out[1].warnings[0].startswith("time: ")


def test_relative_days_are_not_resolved_on_a_stale_page() -> None:
    text = (
        "NATO chief Anders Fogh Rasmussen spoke on Thursday. Russia has been invited to the upcoming "
        "NATO summit in Lisbon."
    )
    doc = _doc(text, updated="2022-04-16")
    doc.events = [Event("CONSULT", None, None, None, None, None, None, "", 0, 51)]
    out = _run(doc)
    assert out.dates.stale is True
    assert out.events[0].date == out.dates.event_date  # the story's estimate, not a made-up Thursday
