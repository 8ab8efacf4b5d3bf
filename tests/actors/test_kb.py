"""The knowledge base: roles over time, context beating the date, lookups."""

from __future__ import annotations

import pytest

from herald.actors import lookup, role_terms
from herald.actors.kb import date_bounds, load, pick_role
from herald.actors.offices import office_of


def person(name: str):
    kb = load()
    return kb.entities[kb.by_name[name.lower()]]


def test_date_bounds_read_partial_dates_leniently() -> None:
    assert date_bounds("2009", "2014") == ("2009-01-01", "2014-12-31")
    assert date_bounds("2003-03", "2008-02") == ("2003-03-01", "2008-02-29")
    assert date_bounds(None, None) == ("0000-01-01", "9999-12-31")


@pytest.mark.parametrize(
    ("phrase", "office"),
    [
        ("foreign minister of Russia", "foreign"),
        ("US Secretary of State", "foreign"),
        ("deputy foreign minister", None),
        ("Federal Chancellor of Germany", "hog"),
        ("Chancellor of the Exchequer", None),
        ("secretary general of NATO", "head"),
        ("former president", None),
        ("defence secretary", "defence"),
    ],
)
def test_office_keys(phrase: str, office: str | None) -> None:
    assert office_of(phrase) == office


def test_rasmussen_role_depends_on_the_date() -> None:
    afr = person("Anders Fogh Rasmussen")
    role, former = pick_role(afr, "2010-11-19")
    assert (role.country, role.office, former) == ("NATO", "head", False)
    role, _ = pick_role(afr, "2005-06-01")
    assert role.country == "DNK" and role.sector == "GOV"
    # after both roles ended: the last one, marked former
    role, former = pick_role(afr, "2022-04-16")
    assert role.country == "NATO" and former


def test_context_beats_the_date() -> None:
    afr = person("Anders Fogh Rasmussen")
    role, former = pick_role(afr, "2022-04-16", country="NATO")
    assert role.country == "NATO" and not former
    role, _ = pick_role(afr, "2012-01-01", country="DNK")
    assert role.country == "DNK"


def test_stale_dictionary_roles_are_closed_by_curated_ones() -> None:
    # Phoenix leaves Stoltenberg's Norwegian government role open from 2005
    role, _ = pick_role(person("Jens Stoltenberg"), "2018-06-01")
    assert role.country == "NATO"


def test_lookup_orders_candidates_by_the_date() -> None:
    first = lookup("Anders Fogh Rasmussen", "2010-11-19")[0]
    assert (first.country, first.kind) == ("NATO", "person")
    undated = lookup("Anders Fogh Rasmussen")
    assert undated[0].country == "NATO"  # most recent role first
    assert {a.country for a in undated} >= {"NATO", "DNK"}
    assert lookup("the Kremlin")[0].code == "RUSGOV"
    holder = lookup("NATO chief", "2016-05-01")[0]
    assert holder.name == "Jens Stoltenberg"
    assert any(a.name == "Anders Fogh Rasmussen" for a in lookup("Rasmussen", "2010-11-19"))
    assert lookup("Qwxzy Unknownname") == []


def test_role_terms_give_the_office_dates() -> None:
    afr = lookup("Anders Fogh Rasmussen", "2010-11-19")[0]
    assert role_terms(afr) == [("secretary general of NATO", "2009-08-01", "2014-09-30")]
    lavrov = lookup("Sergey Lavrov", "2010-11-19")[0]
    assert lavrov.role and "foreign minister" in lavrov.role
    assert any(start == "2004-03-09" and end is None for _, start, end in role_terms(lavrov))
    assert role_terms(lookup("Russia")[0]) == []


def test_every_curated_fact_has_a_source() -> None:
    kb = load()
    curated = [r for e in kb.entities for r in e.roles if r.curated]
    assert len(curated) > 400
    assert all(r.source.startswith("http") for r in curated)


def test_codes_follow_the_guide_one_sector_after_the_country() -> None:
    kb = load()
    mccain = kb.entities[kb.by_name["john mccain"]]
    assert {r.code for r in mccain.roles} == {"USALEG"}  # Phoenix writes USAGOVLEG
    national = [e for e in kb.entities if e.code and e.country == e.code[:3]]
    assert all(len(e.code or "") <= 6 or (e.code or "")[3:6] != "GOV" for e in national)
    assert kb.agents["attorney general"].sector == "JUD"  # prosecutors, as the guide codes them
    assert "representatives" not in kb.agents  # "Mourinho's representatives" are no legislators
