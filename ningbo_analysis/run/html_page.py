"""The HTML page of an executed notebook: code hidden, no scripts from a CDN (it works
offline), stable cell ids, a parameters table folded at the end unless the notebook shows one;
rendered by nbconvert's HTML exporter without its BeautifulSoup pass, whose accessibility
attributes are added by regular expressions instead (the same page, parsed)."""

from __future__ import annotations

import functools
import logging
import re
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ningbo_analysis.run.execute import _output_texts, stable_cell_ids
from ningbo_analysis.run.parameters import PARAMS_CLASS, params_table_html

#: nbconvert's lab template without the CDN scripts (require.js, MathJax, mermaid): offline.
OFFLINE_TEMPLATE = """{%- extends 'lab/index.html.j2' -%}
{%- block html_head_js_requirejs -%}{%- endblock html_head_js_requirejs -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
"""


def notebook_to_html(executed: Path, parameters: Mapping[str, Any], title: str = "") -> str:
    """HTML of an executed notebook with code hidden (like ``nbconvert --no-input``), without
    external scripts (no require.js/MathJax from a CDN) and with stable cell ids.

    A parameters table is appended, folded (``<details>``), unless an output already shows one.
    """
    import nbformat

    nb = nbformat.read(executed, as_version=4)
    shown = any(PARAMS_CLASS in text for _, kind, text in _output_texts(nb) if kind == "text/html")
    if not shown:  # at the end, folded: the page opens with its answer
        table = params_table_html(parameters)
        nb.cells.append(
            nbformat.v4.new_markdown_cell(
                f'<details class="ningbo-run-params"><summary>运行参数</summary>\n\n{table}'
                "\n\n</details>"
            )
        )
    stable_cell_ids(nb)
    body, _ = _exporter().from_notebook_node(
        nb, resources={"metadata": {"name": title or executed.stem}}
    )
    return body


_THREAD = threading.local()


def _exporter():
    """This thread's HTML exporter, made once per thread (and exporter class): its templates
    are compiled once instead of for every page (≈ 0.05 s a page)."""
    from jinja2 import DictLoader

    cls = _exporter_class()
    made = _THREAD.__dict__.setdefault("exporters", {})
    if cls not in made:
        quiet = logging.getLogger("ningbo_analysis.nbconvert")
        quiet.setLevel(logging.ERROR)  # e.g. "Alternative text is missing on 1 image(s)"
        made[cls] = cls(
            log=quiet,
            extra_loaders=[DictLoader({"ningbo_offline.html.j2": OFFLINE_TEMPLATE})],
            template_name="lab",
            template_file="ningbo_offline.html.j2",
            exclude_input=True,
            exclude_input_prompt=True,
            exclude_output_prompt=True,
        )
    return made[cls]


#: What nbconvert's HTML exporter adds to a page after rendering it (accessibility): a text
#: for images without one, and keyboard focus for cell inputs and outputs.
_NO_ALT = '<img alt="No description has been provided for this image" '


_IMG_WITHOUT_ALT = re.compile(r"<img (?![^>]*\balt=)")


_FOCUSABLE = re.compile(
    r'<div class="([^"]*\b(?:jp-Cell-inputWrapper|jp-OutputArea-output)\b[^"]*)"(?![^>]*\btabindex=)'
)


_CHAR_REF = re.compile(r"&#(?:x([0-9a-fA-F]{1,6})|([0-9]{1,7}));")


def _char(ref: re.Match) -> str:
    """A numeric character reference as its character, unless that one means something in
    HTML (``& < > " '``) or is not printable: those stay references."""
    code = int(ref.group(1), 16) if ref.group(1) else int(ref.group(2))
    ch = chr(code) if code < 0x110000 else ""
    return ch if ch and ch not in "&<>\"'" and ch.isprintable() else ref.group(0)


#: Parts of a page that are not markup: the contents of ``<script>`` and ``<style>`` (raw text,
#: where ``&#25688;`` is eight characters of code, not 摘) and comments. Left as they are, as
#: BeautifulSoup leaves them.
_RAW_TEXT = re.compile(r"<(script|style)\b[^>]*>.*?</\1\s*>|<!--.*?-->", re.S | re.I)


def _accessible(page: str) -> str:
    """``page`` with what nbconvert's HTMLExporter adds through BeautifulSoup, added by regular
    expressions on the template's own tags (document text in a page is escaped, so ``<img`` or
    ``<div class=`` only ever come from the template), and headings' characters written as
    characters (``&#25688;&#35201;`` → ``摘要``, as BeautifulSoup writes them); scripts, styles
    and comments (:data:`_RAW_TEXT`) untouched."""
    parts, pos = [], 0
    for raw in _RAW_TEXT.finditer(page):
        parts += [_markup(page[pos : raw.start()]), raw.group(0)]
        pos = raw.end()
    parts.append(_markup(page[pos:]))
    return "".join(parts)


def _markup(part: str) -> str:
    part = _IMG_WITHOUT_ALT.sub(_NO_ALT, part)
    part = _FOCUSABLE.sub(r'<div class="\1" tabindex="0"', part)
    return _CHAR_REF.sub(_char, part)


@functools.cache
def _exporter_class():
    """nbconvert's HTMLExporter without its last step, a BeautifulSoup parse and re-serialisation
    of the whole page (0.1–0.3 s for a page with a long table, in the runner's one process while
    the kernels compute); :func:`_accessible` adds the same attributes. The same page, parsed,
    as nbconvert's (checked by tests/run/test_report_runner.py on a page with a chart, tables, Markdown,
    a script and a style)."""
    from nbconvert import HTMLExporter
    from nbconvert.exporters.templateexporter import TemplateExporter
    from nbconvert.filters.highlight import Highlight2HTML
    from nbconvert.filters.widgetsdatatypefilter import WidgetsDataTypeFilter

    class PlainHTMLExporter(HTMLExporter):
        def from_notebook_node(self, nb, resources=None, **kw):
            info = nb.metadata.get("language_info", {})
            lexer = info.get("pygments_lexer", info.get("name", None))
            highlight = self.filters.get(
                "highlight_code", Highlight2HTML(pygments_lexer=lexer, parent=self)
            )
            resources = self._init_resources(resources)
            widgets = WidgetsDataTypeFilter(
                notebook_metadata=self._nb_metadata, parent=self, resources=resources
            )
            self.register_filter("highlight_code", highlight)
            self.register_filter("filter_data_type", widgets)
            page, resources = TemplateExporter.from_notebook_node(self, nb, resources, **kw)
            return _accessible(page), resources

    return PlainHTMLExporter


__all__ = [
    "OFFLINE_TEMPLATE",
    "notebook_to_html",
]
