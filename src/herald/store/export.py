"""Exports of the event table in the formats the field reads (field by field in docs/schema.md).

* ``csv``, ``parquet``, ``jsonl``: exactly the rows and columns of ``Store.events()`` (merged: one row
  per story event), so reading an export back gives the same table. Besides the event's own fields
  these carry the fields of the document it was read in: ``doc_id``, ``doc_url``, ``outlet`` and
  the story-level PLOVER type, ``doc_plover_type`` with ``doc_plover_confidence``.
* ``gdelt``: GDELT 1.0 event-table layout (58 tab-separated columns, no header, ``SOURCEURL`` last),
  so scripts written for GDELT daily files read it unchanged. Column names: :data:`GDELT_COLUMNS`.
* ``plover``: PLOVER JSON records, one per line (the PLOVER data-fields chapter), with herald's
  evidence and the document's story type in an extra ``herald`` object, as the specification allows.
"""

from __future__ import annotations

import json
import math
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from herald.models import Place
from herald.places import action_geo

if TYPE_CHECKING:
    import pandas as pd

    from herald.store.queries import Queries

FORMATS = ("csv", "parquet", "jsonl", "gdelt", "plover")

GDELT_COLUMNS = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    *(
        f"Actor{n}{f}"
        for n in (1, 2)
        for f in (
            "Code",
            "Name",
            "CountryCode",
            "KnownGroupCode",
            "EthnicCode",
            "Religion1Code",
            "Religion2Code",
            "Type1Code",
            "Type2Code",
            "Type3Code",
        )
    ),
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    *(
        f"{g}_{f}"
        for g in ("Actor1Geo", "Actor2Geo", "ActionGeo")
        for f in ("Type", "FullName", "CountryCode", "ADM1Code", "Lat", "Long", "FeatureID")
    ),
    "DATEADDED",
    "SOURCEURL",
]
assert len(GDELT_COLUMNS) == 58

# organisations GDELT files under KnownGroupCode rather than a country
KNOWN_GROUPS = {"NATO", "UNO", "EUR", "AFU", "ASN", "OPC", "IMF", "WBK", "WTO", "ICC", "IRC", "AMN", "HRW"}


def export(store: Queries, path: str, format: str, merged: bool = True, **filters: Any) -> int:
    if format not in FORMATS:
        raise ValueError(f"--format must be one of {', '.join(FORMATS)}")
    df = store.events(merged=merged, **filters)
    if format == "csv":
        df.to_csv(path, index=False)
    elif format == "parquet":
        df.to_parquet(path, index=False)
    elif format == "jsonl":
        df.to_json(path, orient="records", lines=True, date_format="iso", force_ascii=False)
    elif format == "gdelt":
        if not merged:
            df = df.assign(num_documents=1, num_sources=1, first_seen=df["date"])
        lead = _lead_ends(store, df)
        gdelt = gdelt_table(df, lead)
        gdelt.to_csv(path, sep="\t", header=False, index=False, na_rep="")
    else:
        with open(path, "w", encoding="utf-8") as fh:
            for rec in df.to_dict(orient="records"):
                fh.write(json.dumps(plover_record(rec), ensure_ascii=False) + "\n")
    return len(df)


def _clean(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if hasattr(v, "isoformat") and not isinstance(v, str):
        return v.date().isoformat() if isinstance(v, datetime) else v.isoformat()
    if hasattr(v, "item"):  # numpy scalars
        return _clean(v.item())
    return v


def _day(v: Any) -> date | None:
    v = _clean(v)
    return date.fromisoformat(v) if v else None


def _lead_ends(store: Queries, df: pd.DataFrame) -> dict[str, int]:
    """Where each document's first paragraph ends (GDELT's IsRootEvent: an event of the lead)."""
    keys = sorted({str(e).split(":", 1)[0] for e in df["event_id"]}) if len(df) else []
    if not keys:
        return {}
    rows = store.sql(
        "SELECT doc_key, coalesce(nullif(strpos(text, chr(10) || chr(10)), 0), length(text)) AS lead_end "
        "FROM documents WHERE doc_key IN (SELECT unnest(?::VARCHAR[]))",
        [keys],
    )
    return dict(zip(rows["doc_key"], rows["lead_end"], strict=True))


def _place(rec: dict[str, Any]) -> Place | None:
    """The event's location as the places stage gave it (None when the event was not located)."""
    name, text = _clean(rec.get("location_name")), _clean(rec.get("location_text"))
    if name is None and text is None:
        return None
    return Place(
        text=text or name,
        name=name or text,
        country=_clean(rec.get("location_country")),
        admin1=_clean(rec.get("location_admin1")),
        lat=_clean(rec.get("location_lat")),
        lon=_clean(rec.get("location_lon")),
        kind=_clean(rec.get("location_kind")),
    )


def gdelt_table(df: pd.DataFrame, lead: dict[str, int]) -> pd.DataFrame:
    import pandas as pd

    out: dict[str, list[Any]] = {c: [] for c in GDELT_COLUMNS}
    for rec in df.to_dict(orient="records"):
        day = _day(rec["date"])
        added = _day(rec.get("first_seen")) or day
        cameo = _clean(rec.get("cameo")) or ""
        doc_key = str(rec["event_id"]).split(":", 1)[0]
        row: dict[str, Any] = {
            "GLOBALEVENTID": int(rec["event_key"]),
            "SQLDATE": day.strftime("%Y%m%d") if day else None,
            "MonthYear": day.strftime("%Y%m") if day else None,
            "Year": day.year if day else None,
            "FractionDate": round(day.year + (day.timetuple().tm_yday - 1) / 365, 4) if day else None,
            "IsRootEvent": int(rec["start"] is not None and rec["start"] < lead.get(doc_key, 0)),
            "EventCode": cameo or None,
            "EventBaseCode": cameo[:3] or None,
            "EventRootCode": cameo[:2] or None,
            "QuadClass": _clean(rec.get("quad_class")),
            "GoldsteinScale": _clean(rec.get("goldstein")),
            "NumMentions": _clean(rec.get("num_documents")),
            "NumSources": _clean(rec.get("num_sources")),
            "NumArticles": _clean(rec.get("num_documents")),
            "AvgTone": None,
            "DATEADDED": added.strftime("%Y%m%d") if added else None,
            "SOURCEURL": _clean(rec.get("doc_url")) or rec["doc_id"],
        }
        for n, side in ((1, "source"), (2, "target")):
            country = _clean(rec.get(f"{side}_country"))
            row[f"Actor{n}Code"] = _clean(rec.get(f"{side}_code"))
            row[f"Actor{n}Name"] = (_clean(rec.get(f"{side}_name")) or "").upper() or None
            row[f"Actor{n}CountryCode"] = None if country in KNOWN_GROUPS else country
            row[f"Actor{n}KnownGroupCode"] = country if country in KNOWN_GROUPS else None
            row[f"Actor{n}Type1Code"] = _clean(rec.get(f"{side}_sector"))
        # FIPS country and ADM1 codes, GeoNames feature ids, as GDELT writes them (herald.places)
        row.update(action_geo(_place(rec)))
        row["Actor1Geo_Type"] = row["Actor2Geo_Type"] = 0  # herald locates events, not actors
        for c in GDELT_COLUMNS:
            out[c].append(row.get(c))
    # object columns keep Python ints as ints (a float column would print QuadClass as "1.0")
    return pd.DataFrame(out, columns=GDELT_COLUMNS, dtype=object)


def _entity(rec: dict[str, Any], side: str) -> list[dict[str, Any]]:
    fields = {
        "code": _clean(rec.get(f"{side}_country")) or _clean(rec.get(f"{side}_code")),
        "sector": _clean(rec.get(f"{side}_sector")),
        "entity_text": _clean(rec.get(f"{side}_text")),
        "identifier_text": _clean(rec.get(f"{side}_name")),
        "office": _clean(rec.get(f"{side}_role")),
        "cameo_code": _clean(rec.get(f"{side}_code")),
    }
    if not any(fields.values()):
        return []
    return [{k: v for k, v in fields.items() if v is not None}]


def plover_record(rec: dict[str, Any]) -> dict[str, Any]:
    """One merged event as a PLOVER JSON record (required: id, date, actor, event)."""
    loc = None
    if _clean(rec.get("location_name")) or _clean(rec.get("location_text")):
        loc = {
            k: v
            for k, v in {
                "extracted_place": _clean(rec.get("location_text")),
                "resolved_place": _clean(rec.get("location_name")),
                "lat": _clean(rec.get("location_lat")),
                "lon": _clean(rec.get("location_lon")),
                "province": _clean(rec.get("location_admin1")),
                "country_code": _clean(rec.get("location_country")),
            }.items()
            if v is not None
        }
    mode = _clean(rec.get("mode"))
    out: dict[str, Any] = {
        "id": int(rec["event_key"]),
        "date": _clean(rec["date"]),
        "actor": _entity(rec, "source"),
        "recipient": _entity(rec, "target"),
        "event": [rec["type"]],
        "mode": [mode] if mode else [],
        "event_loc": loc,
        "event_text": [rec["sentence"]],
        "quad_code": _clean(rec.get("quad_class")),
        "event_scale": _clean(rec.get("goldstein")),
        "link": _clean(rec.get("story_id")),
        "text_info": {"start": _clean(rec.get("start")), "end": _clean(rec.get("end"))},
        "cite_info": {
            "url": _clean(rec.get("doc_url")),
            "citation": rec["doc_id"],
            "coder": "herald",
            "codebook": "plover",
        },
        "has_event": True,
        "herald": {
            "cameo": _clean(rec.get("cameo")),
            "negated": bool(_clean(rec.get("negated"))),
            "confidence": _clean(rec.get("confidence")),
            "rule": _clean(rec.get("rule")),
            "trigger": _clean(rec.get("trigger")),
            "quote_index": _clean(rec.get("quote_index")),
            "date_basis": _clean(rec.get("date_basis")),
            "doc_id": rec["doc_id"],
            "num_documents": _clean(rec.get("num_documents")),
            "num_sources": _clean(rec.get("num_sources")),
            "first_seen": _clean(rec.get("first_seen")),
            "doc_plover_type": _clean(rec.get("doc_plover_type")),
            "doc_plover_confidence": _clean(rec.get("doc_plover_confidence")),
        },
    }
    return out
