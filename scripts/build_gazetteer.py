"""Build ``ningbo_analysis/corpus/data/china_divisions.csv``: every province, prefecture-level city
and county/district of China with its short and full names and the province it belongs to.

    pip install cpca            # once; not a dependency of the package
    python scripts/build_gazetteer.py [--out PATH]

The source is the administrative division codes (GB/T 2260, 12-digit national statistics codes)
shipped by `cpca` (Chinese Province, City and Area recognition, ``cpca/resources/adcodes.csv``).
Names follow the gazetteer's conventions (``corpus/data/regions.csv``): a city, prefecture-level or
county-level, is named without 市 (宁波, 余姚), a province by its short name (浙江, 广西, 北京),
a district or county with its suffix (海曙区, 象山县); an autonomous prefecture, league or
prefecture keeps its full name (延边朝鲜族自治州) and gets its short name as an alias. A city
whose short name is a province's (吉林市) keeps 市. Aliases: the full name and, for provinces and
prefecture-level cities, the short name (not a province's: 海南藏族自治州 is not 海南); a
two-character county or district (和县, 城区) has none: such words occur in running text. Rows are sorted by code: the output is the same bytes
for the same source.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "ningbo_analysis" / "corpus" / "data" / "china_divisions.csv"

HEADER = (
    "# China's administrative divisions (provinces, prefecture-level cities, counties and districts),\n"
    "# built by scripts/build_gazetteer.py from the division codes shipped by the cpca package\n"
    "# (GB/T 2260 / national statistics codes). region: the canonical name (regions.csv's\n"
    "# conventions); aliases: ;-separated names matched in texts; parent: the region one level up;\n"
    "# province: the province-level region. Read by corpus.metadata after regions.csv.\n"
)

_PROVINCE_SUFFIX = re.compile(r"(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$")
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_ETHNIC = re.compile(
    r"(?:蒙古族|藏族|回族|苗族|彝族|壮族|布依族|朝鲜族|满族|侗族|瑶族|白族|土家族|哈尼族|哈萨克族"
    r"|傣族|黎族|傈僳族|佤族|畲族|拉祜族|水族|东乡族|纳西族|景颇族|柯尔克孜族|土族|达斡尔族"
    r"|羌族|撒拉族|锡伯族|仡佬族|鄂温克族|怒族|普米族|独龙族|保安族|裕固族|蒙古|哈尼|傣|景颇"
    r"|布依|苗|侗|彝|藏|壮|回|白)+自治州$"
)


def source_rows() -> list[tuple[str, str]]:
    """(12-digit code, name) of every division in cpca's data."""
    import importlib.util

    spec = importlib.util.find_spec("cpca")  # not imported: its import needs pkg_resources
    if spec is None or not spec.submodule_search_locations:
        raise SystemExit("cpca is not installed: pip install cpca")
    folder = Path(next(iter(spec.submodule_search_locations)))
    data = (folder / "resources" / "adcodes.csv").read_text("utf-8")
    return sorted(
        (r["adcode"], r["name"].strip()) for r in csv.DictReader(io.StringIO(data)) if r["name"]
    )


def level_of(code: str) -> str:
    if code[2:] == "0" * 10:
        return "province"
    if code[4:] == "0" * 8:
        return "city"
    if code[6:] == "0" * 6:
        return "county"
    return ""


def short_name(name: str, level: str) -> str:
    """浙江省 → 浙江, 广西壮族自治区 → 广西, 宁波市 → 宁波, 延边朝鲜族自治州 → 延边, 阿里地区 → 阿里."""
    if level == "province":
        return _PROVINCE_SUFFIX.sub("", name)
    for pattern in (_ETHNIC, re.compile(r"(?:地区|盟|市)$")):
        short = pattern.sub("", name)
        if short != name and len(short) >= 2:
            return short
    return name


def build(rows: list[tuple[str, str]]) -> list[dict]:
    names = dict(rows)
    provinces = {
        code[:2]: short_name(name, "province")
        for code, name in rows
        if level_of(code) == "province"
    }
    out = []
    canon: dict[str, str] = {}
    for code, name in rows:
        level = level_of(code)
        if not level or name in _PLACEHOLDERS:
            continue
        short = short_name(name, level)
        if level == "province":
            region, aliases = short, [name, short]
        elif level == "city":
            clash = short in provinces.values() and name.endswith("市")
            region = name if clash or not name.endswith("市") else short
            aliases = [name] if clash or short in provinces.values() else [name, short]
        else:
            region = short if name.endswith("市") and len(short) >= 2 else name
            # two-character 县/区 names (和县, 新县, 城区, 郊区) are words of running text: the
            # name stays a region (a folder named 和县 is found) but is not looked for in texts
            aliases = [name] if len(name) >= 3 else []
        canon[code] = region
        parent_code = code[:4] + "0" * 8 if level == "county" else code[:2] + "0" * 10
        if level == "county" and (parent_code not in names or names[parent_code] in _PLACEHOLDERS):
            parent_code = code[:2] + "0" * 10  # a municipality's district, a directly run county
        out.append(
            {
                "code": code[:6],
                "region": region,
                "level": "district" if level == "county" and name.endswith("区") else level,
                "parent": "" if level == "province" else parent_code,
                "province": provinces.get(code[:2], ""),
                "aliases": ";".join(dict.fromkeys(a for a in aliases if len(a) >= 2)),
            }
        )
    for row in out:
        row["parent"] = canon.get(row["parent"], "") if row["parent"] else ""
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    rows = build(source_rows())
    buf = io.StringIO()
    buf.write(HEADER)
    writer = csv.DictWriter(
        buf, ["code", "region", "level", "parent", "province", "aliases"], lineterminator="\n"
    )
    writer.writeheader()
    writer.writerows(rows)
    args.out.write_text(buf.getvalue(), encoding="utf-8")
    print(f"{len(rows)} divisions: {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
