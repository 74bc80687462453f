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


@cache
def _gazetteer() -> pd.DataFrame:
    """Every alias of every region: ``data/regions.csv`` (curated, first) then China's divisions
    (``data/china_divisions.csv``, built by ``scripts/build_gazetteer.py``), longest alias first;
    an alias names the first region that has it."""
    rows = []
    seen: set[str] = set()
    curated = read_data_csv("regions.csv")
    china = read_data_csv("china_divisions.csv")
    for table in (curated, china):
        for r in table.itertuples(index=False):
            for alias in str(r.aliases if isinstance(r.aliases, str) else "").split(";"):
                if alias and alias not in seen:
                    seen.add(alias)
                    rows.append((alias, r.region, r.level, r.parent))
    out = pd.DataFrame(rows, columns=["alias", "region", "level", "parent"])
    out["length"] = out["alias"].str.len()
    return out.sort_values(["length", "alias"], ascending=[False, True]).reset_index(drop=True)


@cache
def gazetteer_regions() -> pd.DataFrame:
    """One row per region: ``region, level, parent, province`` (curated rows first, then China's
    divisions; a name two divisions share keeps the first)."""
    curated = read_data_csv("regions.csv")
    china = read_data_csv("china_divisions.csv")
    province = dict(zip(china["region"], china["province"], strict=True))
    curated = curated.assign(province=[province.get(p, p) for p in curated["parent"]])
    cols = ["region", "level", "parent", "province"]
    both = pd.concat([curated[cols], china[cols]], ignore_index=True).fillna("")
    return both.drop_duplicates("region").reset_index(drop=True)


def canonical_region(name: str) -> str:
    """The gazetteer's name of a place as written (南京市 → 南京, 浦东新区 → 浦东新区); a place
    it does not know loses a trailing 市/省 (临川市 → 临川); "" for "".

    >>> canonical_region("南京市"), canonical_region("临川市")
    ('南京', '临川')
    """
    name = name.strip()
    if not name:
        return ""
    exact = _alias_index()
    if name in exact:
        return exact[name]
    if name in set(gazetteer_regions()["region"]):
        return name
    return name[:-1] if name[-1] in "市省" and len(name) > 2 else name


def region_aliases(region: str) -> tuple[str, ...]:
    """The names ``data/regions.csv`` gives ``region`` (宁波 → 宁波市, 宁波), longest first; () for
    a region it does not list."""
    gaz = _gazetteer()
    return tuple(gaz.loc[gaz["region"] == region, "alias"])


@cache
def _alias_pairs() -> tuple[tuple[str, str], ...]:
    """``(alias, region)`` of the gazetteer in its order, as plain strings read once (a text is
    searched for every alias; reading the table's Arrow-backed columns cost more)."""
    gaz = _gazetteer()
    return tuple(zip(gaz["alias"].tolist(), gaz["region"].tolist(), strict=True))


def find_regions(text: str) -> list[str]:
    """Canonical regions named in ``text``, in order of first mention (longest alias wins).

    >>> find_regions("宁波慈溪市启动科技型中小企业服务站建设")
    ['宁波', '慈溪']
    """
    taken = [False] * len(text)
    found: list[tuple[int, str]] = []
    for alias, region in _alias_pairs():
        if alias not in text:
            continue
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
    parent_of = _parents()
    candidates = find_regions(title) or find_regions(channel)
    first_sentence = re.split(r"[。！？!?]", body, maxsplit=1)[0]
    if candidates:
        region = candidates[-1] if len(candidates) > 1 else candidates[0]
        children = [r for r in find_regions(first_sentence) if parent_of.get(r) == region]
        return children[0] if children else region
    in_body = find_regions(first_sentence)
    return in_body[0] if in_body else default


def _first_of(table: pd.DataFrame, key: str, value: str) -> dict[str, str]:
    """``key`` → ``value`` of the gazetteer, the first row of each key winning."""
    out: dict[str, str] = {}
    for k, v in zip(table[key], table[value], strict=True):
        out.setdefault(k, v)
    return out


@cache
def _parents() -> dict[str, str]:
    """region → its parent region (the first row of a name wins)."""
    return _first_of(_gazetteer(), "region", "parent")


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


_ZH_DIGITS = {c: i for i, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "○": 0, "О": 0}
_ZH_YEAR = "[〇零○О一二三四五六七八九]{4}"
_ZH_SMALL = "[一二三四五六七八九十]{1,3}"

# The line under a report's title that says when (and where) it was delivered:
# ——2021年1月23日在北京市第十五届人民代表大会第四次会议上 / （2003年2月16日 陈良宇） /
# 二〇二一年一月二十三日在…会议上 (the numbers in words).
_DELIVERY_LINES = (
    re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*在[^。]{0,40}?(?:会议|大会)上"),
    re.compile(rf"({_ZH_YEAR})年({_ZH_SMALL})月({_ZH_SMALL})日\s*在[^。]{{0,40}}?(?:会议|大会)上"),
    re.compile(
        r"^[ \t\u3000]*[（(][ \t\u3000]*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日"
        r"[^）)\n]{0,30}[）)][ \t\u3000]*$",
        re.M,
    ),
    re.compile(
        rf"^[ \t\u3000]*[（(][ \t\u3000]*({_ZH_YEAR})年({_ZH_SMALL})月({_ZH_SMALL})日"
        r"[^）)\n]{0,30}[）)][ \t\u3000]*$",
        re.M,
    ),
)


def _zh_int(text: str) -> int:
    """二〇二一 → 2021, 二十三 → 23, 十 → 10; digits as they are."""
    if text.isdigit():
        return int(text)
    if len(text) == 4 and "十" not in text:
        return int("".join(str(_ZH_DIGITS[c]) for c in text))
    tens, _, ones = text.partition("十")
    if not _:
        return _ZH_DIGITS[text]
    return (_ZH_DIGITS[tens] if tens else 1) * 10 + (_ZH_DIGITS[ones] if ones else 0)


def delivery_date(body: str) -> str:
    """ISO date on which a report was delivered, from its opening (``2021年2月21日在…会议上``,
    ``（2003年2月16日 陈良宇）`` on a line of its own, ``二〇二一年一月二十三日在…大会上``), or ''.

    >>> delivery_date("（2003年2月16日 陈良宇）"), delivery_date("二〇二一年一月二十三日在市人民代表大会上")
    ('2003-02-16', '2021-01-23')
    """
    head = body[:300]
    best = None
    for pattern in _DELIVERY_LINES:
        m = pattern.search(head)
        if m and (best is None or m.start() < best.start()):
            best = m
    if best is None:
        return ""
    y, mo, d = (_zh_int(g) for g in best.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return ""
    return f"{y:04d}-{mo:02d}-{d:02d}"


_TITLE_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)(?:\s*年)?")


def title_year(title: str) -> int | None:
    """The year a document's title names (``上海市2003年政府工作报告``, ``政府工作报告（2021）``);
    None when it names none.

    >>> title_year("上海市2003年政府工作报告"), title_year("政府工作报告")
    (2003, None)
    """
    m = _TITLE_YEAR.search(title or "")
    return int(m.group(1)) if m else None


_PATH_YEAR = re.compile(r"(?<!\d)((?:19|20)\d\d)(?!\d)")


def path_year(parts: tuple[str, ...]) -> int | None:
    """The year a file's name (else its folders', innermost first) names: ``上海市/2003.md`` → 2003."""
    for part in reversed(parts):
        m = _PATH_YEAR.search(part)
        if m:
            return int(m.group(1))
    return None


def path_region(parts: tuple[str, ...]) -> str:
    """The region a file's folders (innermost first) or its name are named after, by the
    gazetteer: ``上海市/2003.md`` → 上海, ``浙江/宁波市/余姚市/2021.md`` → 余姚; '' if none."""
    exact = _alias_index()
    known = set(gazetteer_regions()["region"])
    for part in reversed(parts):
        stem = re.sub(r"\.[A-Za-z]+$", "", part)
        for candidate in (stem, re.sub(r"^(?:19|20)\d\d[-_ ]*|[-_ ]*(?:19|20)\d\d$", "", stem)):
            if candidate in exact:
                return exact[candidate]
            if candidate in known:
                return candidate
    return ""


@cache
def _alias_index() -> dict[str, str]:
    """alias → region, the first (most specific, curated first) region of each alias."""
    return _first_of(_gazetteer(), "alias", "region")


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
