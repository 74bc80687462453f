"""Report runner: parameter checks, papermill execution, HTML without code, index, failures."""

from __future__ import annotations

import hashlib
import io
import re
import threading
from pathlib import Path

import nbformat
import pytest

from ningbo_analysis.errors import NingboAnalysisError, ParameterError
from ningbo_analysis.resources import default_seeds_dir
from ningbo_analysis.run import html_page, kernels, report

#: Runs notebooks in Jupyter kernels (slow); `make test` runs it too.
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
OK = FIXTURES / "report_ok.ipynb"
FAILS = FIXTURES / "report_fails.ipynb"
NOISY = FIXTURES / "report_noisy.ipynb"
OVERVIEW = ROOT / "notebooks" / "01_corpus_overview.ipynb"


# ---------------------------------------------------------------- parameters


def test_available_regions_of_the_seeds():
    regions = report.available_regions()
    assert regions[:2] == ["宁波", "余姚"]
    assert {"慈溪", "海曙区"} <= set(regions)


def test_check_parameters_returns_a_table(tmp_path):
    params = report.check_parameters("余姚", "", tmp_path / "out" / "余姚", top=5)
    assert params.region == "余姚"
    assert params.seeds_dir == default_seeds_dir().resolve()
    assert (tmp_path / "out" / "余姚").is_dir()
    assert params.plan == "十四五" and params.extra_docs == ()
    assert list(params.as_dict()) == [
        "region",
        "plan",
        "seeds_dir",
        "extra_docs",
        "output_dir",
        "top",
    ]
    html = params._repr_html_()
    assert html.startswith('<table class="ningbo-params">')
    assert "<th><code>region</code></th><td>余姚</td>" in html
    assert "<th><code>top</code></th><td>5</td>" in html
    # paths relative to the repository or shortened, never this machine's absolute paths
    assert "<th><code>seeds_dir</code></th><td>seeds</td>" in html
    assert "<th><code>output_dir</code></th><td>…/余姚</td>" in html
    assert str(tmp_path) not in html and str(ROOT) not in html
    assert "| `region` | 余姚 |" in params._repr_markdown_()


def test_relative_paths_are_the_repositorys(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT / "notebooks")  # as in JupyterLab
    params = report.check_parameters("宁波", "../seeds", "reports/_test_relative")
    try:
        assert params.output_dir == ROOT / "reports" / "_test_relative"  # not notebooks/reports
        assert params.seeds_dir == ROOT / "seeds"
        assert params.as_dict()["output_dir"] == "reports/_test_relative"
    finally:
        params.output_dir.rmdir()


def _made_up_report(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    doc = folder / "2026_清河市政府工作报告.md"
    doc.write_text(
        "---\ntitle: 2026年清河市政府工作报告\ndate: 2026-01-20\nregion: 清河\nkind: work_report\n"
        "---\n各位代表：\n\n一、过去五年工作回顾\n\n五年来，全市地区生产总值由3200亿元增加到4100亿元。\n",
        encoding="utf-8",
    )
    return doc


def test_extra_docs_and_plan(tmp_path):
    docs = _made_up_report(tmp_path / "mine")
    # the region exists only in the user's documents
    params = report.check_parameters(
        "清河", "", tmp_path / "out", extra_docs=[str(tmp_path / "mine")], plan="十五五"
    )
    assert params.extra_docs == ((tmp_path / "mine").resolve(),)
    assert params.plan == "十五五"
    assert params.as_dict()["extra_docs"] == "…/mine"
    assert "清河" in report.available_regions("", docs)
    with pytest.raises(ParameterError, match="region '清河' is not one of the regions"):
        report.check_parameters("清河", "", tmp_path / "out")
    # one file alone is fine too
    assert report.check_parameters("清河", "", tmp_path, extra_docs=str(docs)).extra_docs == (
        docs.resolve(),
    )


def test_bad_extra_docs_and_plan_are_clear_errors(tmp_path):
    with pytest.raises(ParameterError, match=r"extra_docs: .*no_such_folder does not exist"):
        report.check_parameters("宁波", "", tmp_path, extra_docs=[str(tmp_path / "no_such_folder")])
    (tmp_path / "table.csv").write_text("a,b\n")
    with pytest.raises(ParameterError, match=r"extra_docs: .*table.csv is not a folder"):
        report.check_parameters("宁波", "", tmp_path, extra_docs=[str(tmp_path / "table.csv")])
    with pytest.raises(ParameterError, match="extra_docs must be a list"):
        report.check_parameters("宁波", "", tmp_path, extra_docs=3)
    with pytest.raises(ParameterError) as err:
        report.check_parameters("宁波", "", tmp_path, plan="十六五")
    assert "'十六五'" in str(err.value)
    assert "valid plans: 十一五, 十二五, 十三五, 十四五, 十五五" in str(err.value)


def test_unknown_region_lists_valid_ones(tmp_path):
    with pytest.raises(ParameterError) as err:
        report.check_parameters("杭州", "", tmp_path)
    msg = str(err.value)
    assert "'杭州'" in msg
    assert "valid regions: 宁波, 余姚" in msg
    with pytest.raises(ParameterError, match="non-empty"):
        report.check_parameters("", None, tmp_path)


def test_missing_seeds_folder(tmp_path):
    with pytest.raises(ParameterError, match=r"seeds_dir: folder .*no_such_seeds does not exist"):
        report.check_parameters("宁波", tmp_path / "no_such_seeds", tmp_path)
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(ParameterError, match="is not a folder"):
        report.check_parameters("宁波", tmp_path / "file.txt", tmp_path)


def test_output_dir_that_cannot_be_created(tmp_path):
    (tmp_path / "blocker").write_text("a file, not a folder")
    with pytest.raises(ParameterError, match=r"output_dir: cannot create folder .*blocker"):
        report.check_parameters("宁波", "", tmp_path / "blocker" / "sub")


def test_region_dirname():
    assert report.region_dirname("宁波") == "宁波"
    assert report.region_dirname("海曙区") == "海曙区"
    assert report.region_dirname("../a/b") == "_a_b"
    assert report.region_dirname("..") == "region"


def test_notebook_parameters_are_checked_before_running(tmp_path):
    with pytest.raises(ParameterError) as err:
        report.run_notebooks([OK], ["宁波"], tmp_path / "r", colour="red")
    assert str(err.value) == (
        "unknown parameter 'colour' for notebook report_ok.ipynb; "
        "valid parameters: region, seeds_dir, output_dir, rows"
    )
    assert not (tmp_path / "r" / "宁波").exists()  # nothing was executed
    with pytest.raises(ParameterError, match="region '上海' is not one of the regions"):
        report.run_notebooks([OK], ["宁波", "上海"], tmp_path / "r")
    with pytest.raises(ParameterError, match=r"notebook .*missing\.ipynb does not exist"):
        report.run_notebooks([FIXTURES / "missing.ipynb"], ["宁波"], tmp_path / "r")
    with pytest.raises(ParameterError, match="no notebooks"):
        report.run_notebooks([], ["宁波"], tmp_path / "r")


def _notebook(path: Path, params_source: str, tags=("parameters",)) -> Path:
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(params_source)
    cell.metadata["tags"] = list(tags)
    nb.cells = [cell, nbformat.v4.new_code_cell("x = 1")]
    nbformat.write(nb, path)
    return path


def test_notebook_without_parameters_cell(tmp_path):
    nb = _notebook(tmp_path / "plain.ipynb", 'region = "宁波"', tags=())
    with pytest.raises(ParameterError, match=r"plain\.ipynb has no code cell tagged 'parameters'"):
        report.check_notebook_parameters(nb, {})


def test_quote_in_parameter_comment_is_explained(tmp_path):
    # papermill cannot parse a line whose comment holds an apostrophe
    src = 'region = "宁波"\nseeds_dir = ""  # "" = the repository\'s seeds/\noutput_dir = "reports"'
    nb = _notebook(tmp_path / "quote.ipynb", src)
    with pytest.raises(ParameterError) as err:
        report.check_notebook_parameters(nb, {})
    assert "does not declare parameter(s) seeds_dir" in str(err.value)
    assert "papermill could not parse the line assigning seeds_dir" in str(err.value)


def test_notebook_problems_flags_stderr_and_missing_glyphs():
    nb = nbformat.v4.new_notebook()
    ok = nbformat.v4.new_code_cell("1")
    ok.outputs = [nbformat.v4.new_output("stream", name="stdout", text="地区生产总值\n")]
    glyph = nbformat.v4.new_code_cell("plot()")
    glyph.outputs = [
        nbformat.v4.new_output(
            "display_data",
            data={
                "text/plain": "UserWarning: Glyph 23425 (\\N{CJK UNIFIED IDEOGRAPH-5B81}) missing"
            },
        )
    ]
    err = nbformat.v4.new_code_cell("import jieba")
    err.outputs = [nbformat.v4.new_output("stream", name="stderr", text="Building prefix dict\n")]
    nb.cells = [ok, glyph, err]
    assert report.notebook_problems(nb) == [
        "cell 2: missing-glyph warning: UserWarning: Glyph 23425 "
        "(\\N{CJK UNIFIED IDEOGRAPH-5B81}) missing",
        "cell 3: stderr output: Building prefix dict",
    ]


def test_notebook_problems_flags_a_bare_value_but_not_rich_results():
    nb = nbformat.v4.new_notebook()
    stray = nbformat.v4.new_code_cell("na.present.plots.setup_plotting()")
    stray.outputs = [
        nbformat.v4.new_output(
            "execute_result", data={"text/plain": "CJKFont(family='WenQuanYi Micro Hei')"}
        )
    ]
    table = nbformat.v4.new_code_cell("html_table(t)")
    table.outputs = [
        nbformat.v4.new_output(
            "execute_result", data={"text/plain": "<table>", "text/html": "<table></table>"}
        )
    ]
    nb.cells = [table, stray]
    assert report.notebook_problems(nb) == [
        "cell 2: bare value shown: CJKFont(family='WenQuanYi Micro Hei')"
    ]


# ---------------------------------------------------------------- execution


@pytest.fixture(scope="session")  # once per worker, even between other modules' tests
def ran(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    progress = io.StringIO()
    entries = report.run_notebooks(
        [OK], ["宁波", "余姚"], out, progress=progress, strict=True, workers=2
    )  # two kernels at once, as `make report` on two cores (the tests' default is one)
    return out, entries, progress.getvalue()


def test_reports_hide_code_and_show_parameters(ran):
    out, entries, _ = ran
    assert [(e.region, e.notebook.name) for e in entries] == [
        ("宁波", "report_ok.ipynb"),
        ("余姚", "report_ok.ipynb"),
    ]
    html = (out / "余姚" / "report_ok.html").read_text(encoding="utf-8")
    assert "<title>测试报告：各地区文章</title>" in html
    # no code input anywhere
    for code in ("check_parameters", "setup_plotting", "barplot", "to_csv", 'class="highlight hl-'):
        assert code not in html
    # the parameters it ran with, once
    assert html.count('<table class="ningbo-params">') == 1
    assert "<th><code>region</code></th><td>余姚</td>" in html
    assert "<th><code>rows</code></th><td>3</td>" in html
    # real content of the corpus for this region, and the chart
    assert "2021年余姚市政府工作报告" in html
    assert "宁波市政府工作报告" not in html
    assert "data:image/png;base64," in html
    assert "Glyph" not in html


def test_executed_notebooks_and_tables_are_written_per_region(ran):
    out, entries, _ = ran
    for e in entries:
        assert e.ipynb == out / e.region / "report_ok.ipynb"
        assert e.problems == []
        nb = nbformat.read(e.ipynb, as_version=4)
        assert report.notebook_problems(nb) == []
    csv = (out / "余姚" / "articles.csv").read_text(encoding="utf-8")
    assert csv.splitlines()[:2] == [
        "doc_id,title,kind",
        "002-02,2021年余姚市政府工作报告,work_report",
    ]
    csv = (out / "宁波" / "articles.csv").read_text(encoding="utf-8")
    assert "002-01,宁波市政府工作报告,work_report" in csv.splitlines()


def test_index_links_every_report(ran):
    out, _, progress = ran
    index = (out / "index.html").read_text(encoding="utf-8")
    hrefs = list(dict.fromkeys(re.findall(r'<a href="([^"]+)">([^<]+)</a>', index)))
    assert hrefs == [
        ("%E5%AE%81%E6%B3%A2/report_ok.html", "测试报告：各地区文章"),
        ("%E4%BD%99%E5%A7%9A/report_ok.html", "测试报告：各地区文章"),
    ]
    assert "region = 余姚" in index
    # notebooks run in parallel: one line each as it finishes, then the index
    lines = progress.splitlines()
    assert [line[:6] for line in lines[:2]] == ["[1/2] ", "[2/2] "]
    assert sorted(re.sub(r"\(\d+\.\d s\)", "(…)", line[6:]) for line in lines[:2]) == [
        f"余姚 report_ok.ipynb: ok (…) → {out / '余姚' / 'report_ok.html'}",
        f"宁波 report_ok.ipynb: ok (…) → {out / '宁波' / 'report_ok.html'}",
    ]
    assert lines[2] == f"index: {out / 'index.html'}"


def _checksums(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_a_run_on_one_region_keeps_the_others_index_entries(ran):
    out, _, _ = ran
    before = _checksums(out)
    assert [e.region for e in report.read_index(out)] == ["宁波", "余姚"]
    [again] = report.run_notebooks([OK], ["余姚"], out, progress=None, strict=True)
    assert again.html == out / "余姚" / "report_ok.html"
    # same inputs, same bytes: the 余姚 files, and the index with both regions in their order
    assert _checksums(out) == before


def test_merge_index_replaces_in_place():
    def entry(region, name):
        return report.ReportEntry(region, Path(name), name, Path(name), Path(name), {})

    old = [entry("宁波", "a.ipynb"), entry("余姚", "a.ipynb")]
    new = [entry("余姚", "a.ipynb"), entry("慈溪", "a.ipynb")]
    merged = report.merge_index(old, new)
    assert [(e.region, e is new[0]) for e in merged] == [
        ("宁波", False),
        ("余姚", True),
        ("慈溪", False),
    ]


def test_failing_notebook_names_notebook_and_cell(tmp_path):
    with pytest.raises(report.NotebookError) as err:
        report.run_notebooks([FAILS], ["余姚"], tmp_path, progress=None)
    msg = str(err.value)
    assert isinstance(err.value, NingboAnalysisError)
    kept = report.failed_notebooks_dir() / "余姚" / "report_fails.ipynb"
    assert msg == (
        "notebook report_fails.ipynb (region 余姚) failed in cell 4 of 5 (In [4], starting "
        "'y = x / 0  # deliberate failure'): ZeroDivisionError: division by zero; executed "
        f"notebook with the traceback: {kept} (its previous report kept)"
    )
    assert "ZeroDivisionError" in kept.read_text(encoding="utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == []  # nothing written, nothing left


def test_noise_in_a_report_is_reported(tmp_path):
    with pytest.raises(report.NotebookError, match="cell 3: stderr output: log noise"):
        report.run_notebooks([NOISY], ["宁波"], tmp_path, progress=None, strict=True)
    progress = io.StringIO()
    [entry] = report.run_notebooks([NOISY], ["宁波"], tmp_path, progress=progress)
    assert entry.problems == ["cell 3: stderr output: log noise"]
    assert (
        "warning: report_noisy.ipynb (宁波) cell 3: stderr output: log noise" in progress.getvalue()
    )
    assert 'title="cell 3: stderr output: log noise">⚠ 有警告<' in (
        tmp_path / "index.html"
    ).read_text("utf-8")


@pytest.mark.skipif(
    not OVERVIEW.exists(), reason="notebooks/01_corpus_overview.ipynb not committed yet"
)
@pytest.mark.xdist_group("browser")  # the run of the browser's tests (tests/conftest.py)
def test_corpus_overview_notebook_runs_clean(ningbo_reports):
    # run_notebooks(strict=True) there: a problem in the notebook (stderr, a warning) fails it
    [entry] = [e for e in report.read_index(ningbo_reports) if e.notebook.name == OVERVIEW.name]
    assert entry.region == "宁波" and entry.problems == []
    html = entry.html.read_text(encoding="utf-8")
    assert "import ningbo_analysis" not in html
    assert "<th><code>region</code></th><td>宁波</td>" in html
    assert "宁波市政府工作报告" in html
    assert "data:image/png;base64," in html


@pytest.mark.parametrize(
    "notebook", sorted((ROOT / "notebooks").glob("*.ipynb")), ids=lambda p: p.name
)
def test_every_notebook_declares_the_standard_parameters(notebook):
    # what `make report` checks before running anything; catches unparsable parameter lines
    # (report 05 takes the region as ``focus``: the place compared with its peers)
    declared = report.notebook_parameters(notebook)
    place = report.region_parameter(notebook)
    wanted = {place if p == "region" else p for p in report.STANDARD_PARAMETERS}
    assert wanted <= set(declared), report.check_notebook_parameters(notebook, {})
    assert declared[place]["default"] in ('"宁波"', "'宁波'", '"余姚"', "'余姚'")


# ---------------------------------------------------------------- kernels


def test_job_order_goes_notebook_by_notebook_across_regions():
    keys = [(r, n) for r in ("宁波", "余姚") for n in ("01", "02", "03")]
    assert report.job_order(keys) == [0, 3, 1, 4, 2, 5]  # 宁波 01, 余姚 01, 宁波 02, …
    assert report.job_order(keys[:3]) == [0, 1, 2]
    assert report.job_order(keys[:1]) == [0]
    uneven = [("宁波", "01"), ("宁波", "02"), ("余姚", "01")]
    assert report.job_order(uneven) == [0, 2, 1]
    # seconds of an earlier run: the longest first; a job without a time before the others
    seconds = {("宁波", "01"): 1.3, ("宁波", "02"): 0.6, ("宁波", "03"): 0.7, ("余姚", "01"): 1.2}
    seconds |= {("余姚", "02"): 0.5, ("余姚", "03"): 1.5}
    assert report.job_order(keys, seconds) == [5, 0, 3, 2, 1, 4]
    del seconds[("宁波", "03")]
    assert report.job_order(keys, seconds) == [2, 5, 0, 3, 1, 4]


def test_run_times_are_remembered_for_the_next_order(tmp_path, monkeypatch):
    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", str(tmp_path / "cache"))
    assert report.read_seconds() == {}
    entry = report.ReportEntry("宁波", Path("04_text_themes.ipynb"), "t", Path("a"), Path("b"), {})
    entry.seconds = 1.234
    report.remember_seconds([entry])
    other = report.ReportEntry(
        "余姚", Path("01_corpus_overview.ipynb"), "t", Path("a"), Path("b"), {}
    )
    other.seconds = 0.5
    report.remember_seconds([other])  # merged with what was there
    assert report.read_seconds() == {
        ("宁波", "04_text_themes.ipynb"): 1.23,
        ("余姚", "01_corpus_overview.ipynb"): 0.5,
    }
    (tmp_path / "cache" / report.SECONDS_FILE).write_text("not json", encoding="utf-8")
    assert report.read_seconds() == {}  # a broken file is no hint, not an error
    monkeypatch.setenv("NINGBO_ANALYSIS_CACHE", "off")
    report.remember_seconds([entry])
    assert report.read_seconds() == {}


def _code_notebook(path: Path, *cells: str) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('region = "宁波"\nseeds_dir = ""\noutput_dir = "reports"')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell(f"# {path.stem}"), params]
    nb.cells += [nbformat.v4.new_code_cell(c) for c in cells]
    nbformat.write(nb, path)
    return path


def test_a_reused_kernel_starts_each_notebook_afresh(tmp_path):
    leaks = _code_notebook(
        tmp_path / "a_leaks.ipynb",
        "import os\nimport sys\nimport warnings\n\nimport matplotlib\nimport pandas as pd\n\n"
        "leak = 1\nos.chdir('/')\nmatplotlib.rcParams['lines.linewidth'] = 9\n"
        "warnings.simplefilter('ignore')\npd.set_option('display.precision', 0)\n"
        "os.environ['NINGBO_LEAK'] = '1'\nsys.path.insert(0, '/leak')",
    )
    checks = _code_notebook(
        tmp_path / "b_checks.ipynb",
        "import os\nimport sys\nfrom pathlib import Path\n\n"
        "state = {\n"
        "    'leak': 'leak' in globals(),\n"
        "    'cwd': os.getcwd(),\n"
        "    'count': get_ipython().execution_count,\n"
        "    'mpl': 'matplotlib' in sys.modules,\n"
        "    'ignored': any(f[0] == 'ignore' and f[2] is Warning for f in __import__('warnings').filters),\n"
        "    'env': 'NINGBO_LEAK' in os.environ,\n"
        "    'path': '/leak' in sys.path,\n"
        "    # multiprocessing's spawn (a Dask LocalCluster) reads __main__.__spec__\n"
        "    'main': sorted(k for k in ('__doc__', '__loader__', '__package__', '__spec__')\n"
        "                   if hasattr(sys.modules['__main__'], k)),\n"
        "}\n"
        "if state['mpl']:\n"
        "    import matplotlib\n"
        "    import pandas as pd\n\n"
        "    state['linewidth'] = matplotlib.rcParams['lines.linewidth']\n"
        "    state['precision'] = pd.get_option('display.precision')\n"
        "n = Path(output_dir, 'state.txt').write_text(repr(sorted(state.items())))",
    )
    reused = report.run_notebooks(
        [leaks, checks], ["宁波"], tmp_path / "r", progress=None, workers=1
    )
    fresh = report.run_notebooks(
        [leaks, checks], ["宁波"], tmp_path / "f", progress=None, fresh_kernels=True
    )
    state = (tmp_path / "r" / "宁波" / "state.txt").read_text(encoding="utf-8")
    alone = (tmp_path / "f" / "宁波" / "state.txt").read_text(encoding="utf-8")
    # matplotlib stays imported (the time saved), everything else is as in a fresh kernel
    fresh_state = [("count", 4), ("cwd", str(ROOT)), ("env", False), ("ignored", False)]
    fresh_state += [("leak", False), ("main", ["__doc__", "__loader__", "__package__", "__spec__"])]
    assert alone == repr(sorted([*fresh_state, ("mpl", False), ("path", False)]))
    assert state == repr(
        sorted([*fresh_state, ("linewidth", 1.5), ("mpl", True), ("path", False), ("precision", 6)])
    )
    # and the reports are the same bytes
    for a, b in zip(reused, fresh, strict=True):
        assert a.html.read_bytes() == b.html.read_bytes()


def test_a_chart_is_drawn_only_to_be_shown(tmp_path):
    # pyplot's own end-of-cell redraw is taken out under the inline backend
    # (plots.draw_once): a chart costs the inline backend's two passes (tight bounding box,
    # then the image), not three; it is still shown once, also in the next notebook
    counting = (
        "import matplotlib.figure as mf\n\nimport ningbo_analysis as na\n\n"
        "na.present.plots.setup_plotting()\ndraws = []\nplain_draw = mf.Figure.draw\n\n\n"
        "def counted(self, renderer):\n    draws.append(1)\n    return plain_draw(self, renderer)\n\n\n"
        "mf.Figure.draw = counted"
    )
    chart = "import matplotlib.pyplot as plt\n\nfig, ax = plt.subplots()\nax.set_title('宁波')"
    done = "mf.Figure.draw = plain_draw\nprint('draws', len(draws))"
    first = _code_notebook(tmp_path / "a_chart.ipynb", counting, chart, done)
    second = _code_notebook(tmp_path / "b_chart.ipynb", counting, chart, done)
    report.run_notebooks([first, second], ["宁波"], tmp_path / "r", progress=None, workers=1)
    for name in ("a_chart", "b_chart"):
        nb = nbformat.read(tmp_path / "r" / "宁波" / f"{name}.ipynb", as_version=4)
        images = [
            o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})
        ]
        printed = "".join(o.get("text", "") for o in nb.cells[-1].outputs)
        assert (len(images), printed) == (1, "draws 2\n")


def test_report_pages_are_nbconverts_pages_without_its_soup_pass(tmp_path, monkeypatch):
    # html_page._exporter_class skips nbconvert's BeautifulSoup pass and adds its attributes
    # itself: parsed, the page is the one nbconvert makes (alt texts, tabindex, everything)
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    nb = _code_notebook(
        tmp_path / "mixed.ipynb",
        "import matplotlib.pyplot as plt\n\nimport ningbo_analysis as na\n\n"
        "na.present.plots.setup_plotting()\nfig, ax = plt.subplots()\nax.set_title('宁波 <img alt>')",
        "import pandas as pd\n\nfrom ningbo_analysis.present import display as nd\n\n"
        "nd.html_table(pd.DataFrame({'指标': ['<div class=\"jp-OutputArea-output\">', 'b'] * 30, "
        "'值': range(60)}), 'rows', page_size=10)",
        "from IPython.display import Markdown, display\n\ndisplay(Markdown('## 摘要 Summary\\n\\n**宁波** `x`'))",
    )
    entry = report.run_notebooks([nb], ["宁波"], tmp_path / "r", progress=None)[0]
    ours = report.notebook_to_html(entry.ipynb, entry.parameters, "mixed")
    assert ours.count('alt="No description has been provided for this image"') == 1
    assert "&lt;div class=&quot;jp-OutputArea-output&quot;&gt;" in ours  # text stays text
    assert ">摘要 Summary<a" in ours  # characters, not &#25688;&#35201; (searchable)
    monkeypatch.setattr(html_page, "_exporter_class", lambda: HTMLExporter)
    theirs = report.notebook_to_html(entry.ipynb, entry.parameters, "mixed")
    assert str(BeautifulSoup(ours, features="html.parser")) == theirs
    assert theirs.count('tabindex="0"') == ours.count('tabindex="0"') >= 3


def test_report_pages_leave_scripts_and_styles_as_nbconvert_does(tmp_path, monkeypatch):
    # the contents of <script> and <style> are raw text: a character reference there is code
    # ("&#25688;" is eight characters of a JavaScript string), and an "<img " in a script is
    # no image; BeautifulSoup leaves both alone, and so must the regular expressions
    from bs4 import BeautifulSoup
    from nbconvert import HTMLExporter

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("display(HTML(page))")
    page = (
        '<div id="t">x</div><script>document.getElementById("t").textContent = "&#25688;";'
        " var tag = '<img src=a.png>';</script><style>.q::after{content:\"&#9650;\"}</style>"
        "<!-- &#25688; --><p>&#25688;&#35201;</p>"
    )
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/html": page})]
    nb.cells.append(cell)
    executed = tmp_path / "raw.ipynb"
    nbformat.write(nb, executed)
    ours = report.notebook_to_html(executed, {}, "raw")
    assert '"&#25688;";' in ours and "'<img src=a.png>'" in ours and '"&#9650;"' in ours
    assert "<p>摘要</p>" in ours  # markup outside them: characters, as before
    monkeypatch.setattr(html_page, "_exporter_class", lambda: HTMLExporter)
    theirs = report.notebook_to_html(executed, {}, "raw")
    assert str(BeautifulSoup(ours, features="html.parser")) == theirs


def test_a_rerun_removes_the_outputs_its_notebook_no_longer_writes(tmp_path):
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell(
        'region = "宁波"\nseeds_dir = ""\noutput_dir = "reports"\ntag = "a"'
    )
    params.metadata["tags"] = ["parameters"]
    nb.cells = [
        nbformat.v4.new_markdown_cell("# tagged"),
        params,
        nbformat.v4.new_code_cell(
            "from pathlib import Path\n\n"
            "n = Path(output_dir, f'table_{tag}.csv').write_text('x\\n1\\n', encoding='utf-8')"
        ),
    ]
    path = tmp_path / "tagged.ipynb"
    nbformat.write(nb, path)
    out = tmp_path / "r"
    (out / "宁波").mkdir(parents=True)
    (out / "宁波" / "mine.csv").write_text("not the runner's\n", encoding="utf-8")
    report.run_notebooks([path], ["宁波"], out, progress=None, tag="a")
    report.run_notebooks([path], ["宁波"], out, progress=None, tag="b")
    assert sorted(p.name for p in (out / "宁波").iterdir()) == [
        "mine.csv",
        "table_b.csv",
        "tagged.html",
        "tagged.ipynb",
    ]
    (entry,) = report.read_index(out)
    assert entry.outputs == ["宁波/table_b.csv", "宁波/tagged.html", "宁波/tagged.ipynb"]


def test_a_rerun_keeps_a_file_another_notebook_now_writes(tmp_path):
    x = _code_notebook(
        tmp_path / "x.ipynb",
        "from pathlib import Path\n\n"
        "n = Path(output_dir, 'shared.csv').write_text('x\\n', encoding='utf-8')",
    )
    out = tmp_path / "r"
    report.run_notebooks([x], ["宁波"], out, progress=None)
    y = _code_notebook(
        tmp_path / "y.ipynb",
        "from pathlib import Path\n\n"
        "n = Path(output_dir, 'shared.csv').write_text('y\\n', encoding='utf-8')",
    )
    report.run_notebooks([y], ["宁波"], out, progress=None)
    _code_notebook(tmp_path / "x.ipynb", "n = 1")  # x no longer writes shared.csv
    report.run_notebooks([x], ["宁波"], out, progress=None)
    assert (out / "宁波" / "shared.csv").read_text(encoding="utf-8") == "y\n"


def test_a_failing_notebook_does_not_stop_the_others(tmp_path):
    # one worker, one kernel: the failure costs its kernel, the next notebook gets a new one
    with pytest.raises(report.NotebookError, match=r"report_fails\.ipynb \(region 余姚\) failed"):
        report.run_notebooks([FAILS, OK], ["余姚"], tmp_path, progress=None, workers=1)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*.*")) == [
        "index.html",
        "index.json",
        "余姚/articles.csv",
        "余姚/report_ok.html",
        "余姚/report_ok.ipynb",
    ]
    assert [(e.region, e.notebook.name) for e in report.read_index(tmp_path)] == [
        ("余姚", "report_ok.ipynb")
    ]


def test_compile_package_writes_bytecode_even_where_python_would_not(tmp_path, monkeypatch):
    import importlib.util
    import sys

    monkeypatch.setattr(sys, "dont_write_bytecode", True)  # as PYTHONDONTWRITEBYTECODE=1
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "mod.py").write_text("VALUE = 12408.7\n", encoding="utf-8")
    assert report.compile_package(package) is True
    cached = Path(importlib.util.cache_from_source(str(package / "mod.py")))
    assert cached.is_file()
    before = cached.stat().st_mtime_ns
    assert report.compile_package(package) is True  # up to date: not written again
    assert cached.stat().st_mtime_ns == before


def test_clients_of_the_runners_kernels_wait_for_them_without_the_fixed_pause():
    from jupyter_core.utils import run_sync

    km = kernels._start_kernel()
    try:
        kc = km.client()
        assert kc.wait_for_ready.__func__ is kernels._wait_for_local_kernel
        kc.start_channels()
        run_sync(kc.wait_for_ready)(timeout=60)  # the handshake: kernel_info answered
        msg_id = kc.execute("print(12408.7)")
        outputs = []
        while True:
            msg = run_sync(kc.get_iopub_msg)(timeout=30)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue  # e.g. the handshake's own status messages
            if msg["msg_type"] == "stream":
                outputs.append(msg["content"]["text"])
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
        assert outputs == ["12408.7\n"]
        kc.stop_channels()
    finally:
        kernels._shutdown_kernel(km)


def test_files_skipped_by_the_corpus_are_said_in_one_line_and_listed(tmp_path):
    """A big folder with one empty file: the run goes on, says so once, writes problems.csv."""
    import io

    import ningbo_analysis as na
    from ningbo_analysis.run.report import _report_skipped

    docs = tmp_path / "docs"
    docs.mkdir()
    for year in range(2010, 2022):
        text = f"---\nregion: 青州\nkind: news\ndate: '{year}'\n---\n{year}年，青州地区生产总值增长{year - 2000}%。\n"
        (docs / f"{year}.md").write_text(text, encoding="utf-8")
    (docs / "2022.md").write_text("", encoding="utf-8")
    corpus = na.load_corpus(docs)
    assert len(corpus) == 12
    lines = io.StringIO()
    _report_skipped(corpus, tmp_path / "out", lambda m: print(m, file=lines))
    said = lines.getvalue().strip()
    assert said.startswith("1 files skipped (1 empty): ") and said.endswith("problems.csv")
    listed = (tmp_path / "out" / "problems.csv").read_text(encoding="utf-8-sig")
    assert "2022.md" in listed and "empty" in listed


def test_with_seeds_false_reads_only_your_documents(tmp_path):
    """The notebooks' ``with_seeds``: False = only ``extra_docs`` (``report --docs DIR``), so a
    region of the seeds is not one of the corpus; ``params.seeds`` is what load_corpus takes."""
    docs = tmp_path / "mine"
    docs.mkdir()
    (docs / "2021_清河.md").write_text(
        "2021年清河市政府工作报告\n\n全市地区生产总值达到500亿元。\n", encoding="utf-8"
    )
    mine = report.check_parameters(
        "清河", "", tmp_path / "out", extra_docs=[str(docs)], with_seeds=False
    )
    assert mine.with_seeds is False and mine.seeds is False
    assert mine.as_dict()["seeds_dir"] == "(not read)"
    import ningbo_analysis as na

    corpus = na.load_corpus(*mine.extra_docs, seeds=mine.seeds)
    assert corpus["region"].tolist() == ["清河"]
    both = report.check_parameters("宁波", "", tmp_path / "out", extra_docs=[str(docs)])
    assert both.seeds == both.seeds_dir and "清河" in set(
        na.load_corpus(*both.extra_docs, seeds=both.seeds)["region"]
    )
    with pytest.raises(
        ParameterError, match=r"region '宁波' is not one of the regions; valid regions: 清河"
    ):
        report.check_parameters(
            "宁波", "", tmp_path / "out", extra_docs=[str(docs)], with_seeds=False
        )
    with pytest.raises(
        ParameterError, match=r"with_seeds=False reads only your documents: give extra_docs"
    ):
        report.check_parameters("宁波", "", tmp_path / "out", with_seeds=False)
    with pytest.raises(ParameterError, match=r"with_seeds must be True or False, got 'no'"):
        report.check_parameters("宁波", "", tmp_path / "out", with_seeds="no")


def test_runs_leave_no_event_loops_open(tmp_path):
    # each worker thread's event loop (made by jupyter_core's run_sync) is closed when it ends:
    # a long-lived process (a test session, a notebook server) running reports again and again
    # kept one open a run before (an epoll and a self-pipe: three file descriptors), until the
    # garbage collector happened to free it
    fds = Path("/proc/self/fd")
    if not fds.is_dir():
        pytest.skip("no /proc/self/fd on this system")
    notebook = _code_notebook(tmp_path / "a_small.ipynb", "x = 1")

    def epolls_after(k: int) -> int:
        report.run_notebooks([notebook], ["宁波"], tmp_path / f"r{k}", progress=None, workers=1)
        for thread in threading.enumerate():  # a worker may still be stopping its kernel
            if thread.name.startswith("ningbo-report-"):
                thread.join(timeout=20)
        return sum("eventpoll" in _target(fd) for fd in fds.iterdir())

    before = epolls_after(0)
    assert max(epolls_after(k) for k in range(1, 6)) <= before


def _target(fd: Path) -> str:
    try:
        return str(fd.readlink())
    except OSError:  # closed meanwhile
        return ""
