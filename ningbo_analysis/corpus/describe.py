"""Stage 1 — corpus: the metadata of a one-article document from everything it says, each field
with where it came from (``meta_source``). In order, the first that says wins:

1. the folder's ``manifest.csv`` row (``manifest``);
2. the document's front matter (``front matter``), or the metadata a web page, Word file or PDF
   carries (``file``: an HTML page's title, date and address);
3. the delivery line under the title (``delivery line``: ``——2021年1月23日在北京市第十五届人民代表大会…``,
   ``（2003年2月16日 陈良宇）``, ``二〇二一年一月…``) and the title (``title``: ``上海市2003年政府工作报告``);
   for the region also the first sentence (``text``), for the year the years a report reviews;
4. the folder and file names (``path``: ``上海市/2003.md``).

Then, for the region: the only region of the other documents of its folder (``folder``) and the
``region`` given to ``load_corpus`` (``argument``). A field nothing gives stays empty and its
source is empty too; the loader reports such a file (place or year unknown).
"""

from __future__ import annotations

import re

from ningbo_analysis.corpus.manifest import article_kinds
from ningbo_analysis.corpus.metadata import (
    _year,
    canonical_region,
    delivery_date,
    find_regions,
    infer_kind,
    infer_region,
    infer_region_from_cues,
    infer_report_year,
    is_salutation,
    path_region,
    path_year,
    title_year,
)
from ningbo_analysis.errors import SeedError

_DELIVERY_PLACE = re.compile(
    r"在(?P<place>[\u4e00-\u9fff]{2,10}?(?:市|省|县|区|自治州|盟|旗))"
    r"第[一二三四五六七八九十]+届人民代表大会"
)


def describe(
    path: str, parts: tuple[str, ...], declared: list[tuple[str, dict]], text: str
) -> tuple[dict, dict]:
    """Title, date, year, reference_year, kind and region of a one-article document, and the
    source of each (a dict field → source). ``declared`` is ``[(source name, fields)]`` in order
    of precedence (manifest row, front matter, the file's own metadata)."""
    got: dict = {}
    src: dict = {}

    def take(name: str, value: object, where: str) -> None:
        if name not in got and value not in (None, ""):
            got[name] = value
            src[name] = where

    for where, fields in declared:
        for name in ("title", "date", "kind", "reference_year", "source"):
            if not (name == "date" and where == "file"):  # a page's date: after the text's
                take(name, str(fields.get(name, "") or "").strip(), where)
        regions = [r for r in str(fields.get("regions", "") or fields.get("region", "")).split(";")]
        take("region", next((r.strip() for r in regions if r.strip()), ""), where)
    first_line = text.split("\n", 1)[0].strip("#* \t")
    take("title", "" if is_salutation(first_line) else first_line[:60], "text")
    title = str(got.get("title", ""))
    take("kind", infer_kind(title, text), "text")
    if got["kind"] not in article_kinds():
        raise SeedError(
            f"{path}: kind {got['kind']!r} (manifest) is not one of {', '.join(article_kinds())} "
            "(data/kind_names.csv); a listing page of several articles is split by its date lines"
        )
    take("date", delivery_date(text), "delivery line")
    for where, fields in declared:
        if where == "file":
            take("date", str(fields.get("date", "") or "").strip(), where)
    _year_of(got, src, title, parts, text)
    _region_of(got, src, title, parts, text)
    return got, src


_TITLE_DATE = re.compile(r"((?:19|20)\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


def _year_of(got: dict, src: dict, title: str, parts: tuple[str, ...], text: str) -> None:
    """``year`` and ``reference_year`` (and ``date`` when only a year is known).

    A report delivered late in the year before the one its title or file name gives
    (``2022-12-30``, ``合肥市2023年政府工作报告``, ``2023.md``) is of that next year: its year and
    reference year are 2023, its date stays the delivery date.
    """
    ref = str(got.get("reference_year", "")).strip()
    if ref.isdigit():
        got["reference_year"] = int(ref)
    else:
        got.pop("reference_year", None)
        src.pop("reference_year", None)
    m = _TITLE_DATE.search(title)
    if m:
        y, mo, d = (int(g) for g in m.groups())
        if 1 <= mo <= 12 and 1 <= d <= 31:
            _take(got, src, "date", f"{y:04d}-{mo:02d}-{d:02d}", "title")
    named = [(v, w) for v, w in ((title_year(title), "title"), (path_year(parts), "path")) if v]
    if got.get("date"):
        got["year"] = _year(got["date"])
        src["year"] = src["date"]
        month = int(got["date"][5:7]) if len(got["date"]) >= 7 else 0
        later = [(v, w) for v, w in named if v == got["year"] + 1]
        if month >= 9 and later and src["date"] not in ("manifest", "front matter"):
            got["year"], src["year"] = later[0]
    elif named:
        got["year"], src["year"] = named[0]
    elif got["kind"] == "work_report":
        reviewed = infer_report_year(text)
        if reviewed:
            got["year"], src["year"] = reviewed, "text"
    if got.get("year") and not got.get("date"):
        got["date"], src["date"] = str(got["year"]), src["year"]
    if "reference_year" not in got and got.get("year"):
        got["reference_year"], src["reference_year"] = got["year"], src["year"]


def _take(got: dict, src: dict, name: str, value: object, where: str) -> None:
    if name not in got and value not in (None, ""):
        got[name] = value
        src[name] = where


def _region_of(got: dict, src: dict, title: str, parts: tuple[str, ...], text: str) -> None:
    """``region``: declared, the delivery line, the title, the first sentence, the path."""
    if got.get("region"):
        return
    m = _DELIVERY_PLACE.search(text[:300])
    if m:
        _take_region(got, src, canonical_region(m.group("place")), "delivery line")
    if "region" not in got:
        named = find_regions(title)
        if named:
            _take_region(got, src, named[-1], "title")
    if "region" not in got and got["kind"] != "work_report":
        _take_region(got, src, infer_region(title, text), "text")
    if "region" not in got:
        first = re.split(r"[。！？!?]", text, maxsplit=1)[0]
        named = find_regions(first)
        if named:
            _take_region(got, src, named[0], "text")
    if "region" not in got:
        _take_region(got, src, infer_region_from_cues(title, text), "title")
    if "region" not in got:
        _take_region(got, src, path_region(parts), "path")


def _take_region(got: dict, src: dict, region: str, where: str) -> None:
    if region and "region" not in got:
        got["region"] = region
        src["region"] = where


def source_text(src: dict) -> str:
    """``meta_source`` as one line: ``date=delivery line; region=title; title=front matter …``."""
    return "; ".join(f"{k}={v}" for k, v in sorted(src.items()) if v)


__all__ = ["describe", "source_text"]
