"""Shares named after their number: the share of units that become or reach something
(50%以上的区县成为义务教育优质均衡发展区县: :func:`_share_of_units`) and the share of spending put to
a use (一般公共预算支出七成以上投入民生领域, 坚持把70%以上的财力用于民生: :func:`_spent_share`)."""

from __future__ import annotations

import re
from functools import cache

from ningbo_analysis.figures.cues import lexicon
from ningbo_analysis.numbers.quantity import Quantity


@cache
def _share_of_units_re() -> re.Pattern[str]:
    """``的<units><verb><what>`` after a percent (``share_unit_verb`` cues of figure_cues.csv)."""
    verbs = "|".join(map(re.escape, lexicon().cues["share_unit_verb"]))
    return re.compile(
        rf"的([^，,。；;：:、]{{1,8}}?)({verbs})([^，,。；;：:、]{{3,24}})(?=[，,。；;：:]|$)"
    )


def _share_of_units(text: str, q: Quantity, s_end: int, indicator: str) -> str:
    """50%以上的区县成为义务教育优质均衡发展区县: the share of the units (区县) that become or reach
    something, named by what they become (义务教育优质均衡发展区县占比) or by the whole, what is
    reached and the units (建成区5%以上的面积新达到海绵城市要求 → 建成区新达到海绵城市要求面积占比).
    "" when the percent is not followed so."""
    m = _share_of_units_re().match(text, q.end, s_end)
    if not m:
        return ""
    units, verb, what = m.groups()
    if units.startswith(lexicon().cues.get("share_unit_not", ())):
        return ""  # 60%的基础上, 3.5%的水平, 15%的目标: not units
    if any(ch.isdigit() for ch in what):
        return ""  # 的企业达到500家: the units are counted, not a share of them
    if verb == "成为":
        return f"{what}占比"
    return f"{indicator}{verb}{what}{units}占比" if indicator else ""


# 连续5年一般公共预算支出的73%以上: the years of a record are no part of the whole
_SPENT_LEAD = re.compile(r"^(?:连续|每年|历年)[^年]{0,3}年?")


@cache
def _spent_share_re() -> re.Pattern[str]:
    """``(的)(<spending>)<verb><use>`` after a percent (``spent_whole``, ``spent_verb`` cues)."""
    wholes = "|".join(map(re.escape, lexicon().cues["spent_whole"]))
    verbs = "|".join(map(re.escape, lexicon().cues["spent_verb"]))
    return re.compile(
        rf"(?:以上|左右)?的?([^，,。；;：:、的]{{0,8}}?(?:{wholes}))?(?:{verbs})"
        rf"([\u4e00-\u9fff]{{2,10}}?)(?=[，,。；;：:]|$)"
    )


def _spent_share(text: str, q: Quantity, s_end: int, indicator: str) -> str:
    """The share of spending put to a use, named as the use's spending over the whole:
    一般公共预算支出七成以上投入民生领域 → 民生支出占一般公共预算支出比重; 坚持把70%以上的财力用于
    保障和改善民生 → 民生支出占财力比重. The whole is the name before the number (after its 把) or
    the noun after it; "" when neither is spending (``spent_whole`` cues) or no use follows."""
    m = _spent_share_re().match(text, q.end, s_end)
    if not m:
        return ""
    cues = lexicon().cues
    whole = _SPENT_LEAD.sub("", re.split("[把将]", indicator)[-1])
    if not whole.endswith(cues["spent_whole"]):
        whole = m.group(1) or ""
    if not whole:
        return ""
    use = m.group(2)
    for lead in cues["spent_use_lead"]:
        use = use.removeprefix(lead)
    for trail in cues["spent_use_trail"]:
        use = use.removesuffix(trail)
    return f"{use}支出占{whole}比重" if len(use) >= 2 else ""
