"""Stage 1 — corpus: what an article's text tells of its metadata when nothing declares it. The
region from the gazetteer (``data/regions.csv``: names in the title, a sub-region in the first
sentence) or from the place a work report names for itself (``data/region_cues.csv``); the kind
from title keywords and the opening line (``data/article_kinds.csv``); the delivery date of a
report and, for a work report without one, its year from the years it reviews
(``data/report_year_cues.csv``).
"""

from __future__ import annotations

import re
from functools import cache

import pandas as pd

from ningbo_analysis.corpus.cleaning import _WS
from ningbo_analysis.resources import read_data_csv

_DELIVERED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日\s*在[^。]{0,40}?(?:会议|大会)上")


@cache
def _gazetteer() -> pd.DataFrame:
    table = read_data_csv("regions.csv")
    rows = []
    for r in table.itertuples(index=False):
        for alias in r.aliases.split(";"):
            if alias:
                rows.append((alias, r.region, r.level, r.parent))
    out = pd.DataFrame(rows, columns=["alias", "region", "level", "parent"])
    out["length"] = out["alias"].str.len()
    return out.sort_values(["length", "alias"], ascending=[False, True]).reset_index(drop=True)


def region_aliases(region: str) -> tuple[str, ...]:
    """The names ``data/regions.csv`` gives ``region`` (宁波 → 宁波市, 宁波), longest first; () for
    a region it does not list."""
    gaz = _gazetteer()
    return tuple(gaz.loc[gaz["region"] == region, "alias"])


def find_regions(text: str) -> list[str]:
    """Canonical regions named in ``text``, in order of first mention (longest alias wins).

    >>> find_regions("宁波慈溪市启动科技型中小企业服务站建设")
    ['宁波', '慈溪']
    """
    gaz = _gazetteer()
    taken = [False] * len(text)
    found: list[tuple[int, str]] = []
    for alias, region in zip(gaz["alias"], gaz["region"], strict=True):
        for m in re.finditer(re.escape(alias), text):
            if any(taken[m.start() : m.end()]):
                continue
            taken[m.start() : m.end()] = [True] * (m.end() - m.start())
            found.append((m.start(), region))
    seen: dict[str, None] = {}
    for _, region in sorted(found):
        seen.setdefault(region, None)
    return list(seen)


def infer_region(title: str, body: str, channel: str = "", default: str = "") -> str:
    """The region an article is about.

    Regions named in the title come first; when the title names only a parent region and the
    body's first sentence names one of its sub-regions, the sub-region wins
    (标题 "宁波设立科技型服务站…", 首句 "宁波慈溪市启动…" → 慈溪). The ``【channel】`` and the
    manifest default are fallbacks.
    """
    gaz = _gazetteer()
    parent_of = dict(zip(gaz["region"], gaz["parent"], strict=True))
    candidates = find_regions(title) or find_regions(channel)
    first_sentence = re.split(r"[。！？!?]", body, maxsplit=1)[0]
    if candidates:
        region = candidates[-1] if len(candidates) > 1 else candidates[0]
        children = [r for r in find_regions(first_sentence) if parent_of.get(r) == region]
        return children[0] if children else region
    in_body = find_regions(first_sentence)
    return in_body[0] if in_body else default


@cache
def _region_cues() -> tuple[tuple[re.Pattern[str], str], ...]:
    table = read_data_csv("region_cues.csv")
    return tuple((re.compile(p), w) for p, w in zip(table["pattern"], table["where"], strict=True))


def infer_region_from_cues(title: str, text: str) -> str:
    """The place a work report names for itself when the gazetteer does not know it
    (``data/region_cues.csv``): ``在临川市第十六届人民代表大会`` → 临川; "" if none.

    >>> infer_region_from_cues("", "——2021年1月20日在临川市第十六届人民代表大会第六次会议上")
    '临川'
    """
    opening = text[:300]
    for pattern, where in _region_cues():
        m = pattern.search(title if where == "title" else opening)
        if m:
            place = m.group("place")
            return place[:-1] if place[-1] in "市省" else place
    return ""


@cache
def _kind_rules() -> tuple[tuple[str, str, str], ...]:
    table = read_data_csv("article_kinds.csv")
    return tuple(zip(table["pattern"], table["kind"], table["field"], strict=True))


def infer_kind(title: str, text: str = "") -> str:
    """Article kind by the rules of ``data/article_kinds.csv`` (title keywords, then the opening).

    >>> infer_kind("宁波市政府工作报告"), infer_kind("", "各位代表：\\n现在，我代表市人民政府…")
    ('work_report', 'work_report')
    """
    first_line = text.lstrip(_WS + "#*\n").split("\n", 1)[0]
    for pattern, kind, field in _kind_rules():
        if not pattern:
            return kind
        if field == "opening" and first_line.startswith(pattern):
            return kind
        if field == "title" and pattern in title:
            return kind
    return "news"


def is_salutation(line: str) -> bool:
    """True for an opening salutation line such as ``各位代表：`` (not a title)."""
    stripped = line.strip(_WS + "#*：:，,！!")
    return any(
        field == "opening" and pattern and stripped.startswith(pattern) and len(stripped) <= 12
        for pattern, _, field in _kind_rules()
    )


@cache
def _year_cues() -> tuple[tuple[re.Pattern[str], str, int], ...]:
    table = read_data_csv("report_year_cues.csv")
    return tuple(
        (re.compile(p), a, int(s))
        for p, a, s in zip(table["pattern"], table["anchor"], table["shift"], strict=True)
    )


def infer_report_year(text: str, window: int = 3000) -> int | None:
    """The year of a work report without a date line, from its opening part
    (``data/report_year_cues.csv``): ``一、“十二五”时期发展回顾`` → 2016, ``2015年工作回顾`` → 2016.

    >>> infer_report_year("各位代表：\\n一、2015年工作回顾\\n过去的一年……")
    2016
    """
    from ningbo_analysis.corpus.periods import plan as _plan

    best: tuple[int, int] | None = None
    head = text[:window]
    for pattern, anchor, shift in _year_cues():
        m = pattern.search(head)
        if not m or (best is not None and m.start() >= best[0]):
            continue
        if anchor == "year":
            year = int(m.group("year"))
        else:
            p = _plan(m.group("plan"))
            year = p.start if anchor == "plan_start" else p.end
        best = (m.start(), year + shift)
    return best[1] if best else None


def delivery_date(body: str) -> str:
    """ISO date on which a report was delivered (``2021年2月21日在…会议上`` → ``2021-02-21``), or ''."""
    m = _DELIVERED.search(body[:300])
    if not m:
        return ""
    y, mo, d = (int(g) for g in m.groups())
    return f"{y:04d}-{mo:02d}-{d:02d}"


def _year(date: str) -> int | None:
    m = re.match(r"(\d{4})", date or "")
    return int(m.group(1)) if m else None


__all__ = [
    "delivery_date",
    "find_regions",
    "infer_kind",
    "infer_region",
    "infer_region_from_cues",
    "infer_report_year",
    "is_salutation",
    "region_aliases",
]
