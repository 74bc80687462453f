#!/usr/bin/env python3
"""Idempotent set-up used by ``make test`` and ``make report`` (standard library only).

1. checks Python ≥ 3.11;
2. creates ``.venv`` and installs the package editable with its ``dev`` extra — with ``uv``
   (``uv venv --seed`` + ``uv pip install -e '.[all,dev]'``: about 4× faster than pip on a fresh
   machine; first ``--offline`` from uv's cache, then asking the index if that fails; files
   hard-linked from uv's cache when it is on the venv's file system; uv is taken from PATH, or from the user's cache folder where an earlier set-up
   bootstrapped it with ``pip install --target ~/.cache/ningbo-analysis/uv``),
   falling back to ``python -m venv`` + ``pip install`` when uv cannot be had or fails;
   ``NINGBO_INSTALLER=pip`` forces pip. Skipped when the stamp file
   ``.venv/.ningbo-setup.stamp`` matches the sha256 of pyproject.toml, this script and the
   Python version (so a second run takes well under a second);
3. makes sure a font that can draw Chinese exists: as root with apt-get,
   ``apt-get install fonts-wqy-microhei``; otherwise ``pip install noto-cjk-sans-otc`` into
   the venv (SIL OFL, no root); after an install, matplotlib's stale font cache is cleared.
   If nothing works it says what to install and exits 1.

Usage: ``python3 scripts/setup.py [--venv .venv] [--force]``.
Environment: ``NINGBO_SKIP_FONT=1`` skips the font step (not recommended).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MIN_PYTHON = (3, 11)
APT_PACKAGE = "fonts-wqy-microhei"


def _user_cache() -> Path:
    """The package's one cache folder (as ``ningbo_analysis.text.segmentation.cache_dir``):
    ``$NINGBO_ANALYSIS_CACHE``, else ``$XDG_CACHE_HOME/ningbo-analysis``, else
    ``~/.cache/ningbo-analysis``; the checkout's ``.cache`` when caching is off."""
    explicit = os.environ.get("NINGBO_ANALYSIS_CACHE", "")
    if explicit.lower() == "off":
        return ROOT / ".cache"
    if explicit:
        return Path(explicit).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ningbo-analysis"


#: uv bootstrapped once per user, not once per clone (a fresh clone reuses it: ~4 s saved)
UV_HOME = _user_cache() / "uv"
UV_REQUIREMENT = "uv>=0.5"
PIP_FONT_PACKAGE = "noto-cjk-sans-otc"
STAMP_NAME = ".ningbo-setup.stamp"
FONT_HINT = (
    "no font that can draw Chinese text is installed and none could be installed.\n"
    f"  As root on Debian/Ubuntu: apt-get install -y --no-install-recommends {APT_PACKAGE}\n"
    f"  Without root:             .venv/bin/pip install {PIP_FONT_PACKAGE}\n"
    "  Or put a CJK .ttf/.otf/.ttc file in a folder and export NINGBO_FONT_DIR=<folder>."
)


class SetupError(Exception):
    """A set-up step failed; the message says what to do."""


def say(msg: str) -> None:
    """One progress line on stderr, prefixed so it is easy to spot in CI logs."""
    print(f"setup: {msg}", file=sys.stderr, flush=True)


def stamp_key(files: Sequence[Path], python_version: str) -> str:
    """sha256 over the given files' bytes and the Python version: changes when any of them does."""
    h = hashlib.sha256(python_version.encode())
    for f in files:
        h.update(b"\0" + f.name.encode() + b"\0")
        h.update(Path(f).read_bytes())
    return h.hexdigest()


def read_stamp(path: Path) -> tuple[str, str]:
    """``(key, font_path)`` stored in a stamp file, or ``("", "")``."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return "", ""
    return (lines[0] if lines else ""), (lines[1] if len(lines) > 1 else "")


def is_up_to_date(stamp: Path, key: str, venv_python: Path) -> bool:
    """True when the stamp matches ``key``, the venv exists and the recorded font still exists."""
    old_key, font = read_stamp(stamp)
    if old_key != key or not venv_python.exists():
        return False
    return font == "skipped" or (bool(font) and Path(font).exists())


def font_install_plan(is_root: bool, has_apt: bool) -> list[str]:
    """Order in which font installs are tried: ``apt`` (only as root with apt-get), then ``pip``."""
    return (["apt"] if is_root and has_apt else []) + ["pip"]


def run(cmd: Sequence[str], **kw) -> subprocess.CompletedProcess:
    """Run a command with no stdin (CI has none); raise SetupError naming it when it fails."""
    say("$ " + " ".join(str(c) for c in cmd))
    res = subprocess.run([str(c) for c in cmd], stdin=subprocess.DEVNULL, check=False, **kw)
    if res.returncode != 0:
        raise SetupError(f"command failed (exit {res.returncode}): {' '.join(map(str, cmd))}")
    return res


def ensure_venv(venv: Path) -> Path:
    """Create ``venv`` if needed (installing Debian's python3-venv as root when ensurepip is missing)."""
    py = venv / "bin" / "python"
    if py.exists():
        return py
    try:
        import ensurepip  # noqa: F401
    except ImportError:
        if os.geteuid() == 0 and shutil.which("apt-get"):
            ver = f"python3.{sys.version_info.minor}-venv"
            env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
            run(["apt-get", "update"], env=env)
            run(
                ["apt-get", "install", "-y", "--no-install-recommends", "python3-venv", ver],
                env=env,
            )
        else:
            raise SetupError(
                "this Python cannot create virtual environments (no ensurepip). Install it, e.g. "
                "`sudo apt-get install python3-venv`, and run again."
            ) from None
    run([sys.executable, "-m", "venv", str(venv)])
    return py


def pip_install(py: Path, *args: str) -> None:
    """``pip install`` into the venv, quiet and without a progress bar (CI logs)."""
    pip = [py, "-m", "pip", "install", "--disable-pip-version-check", "--progress-bar", "off"]
    run([*pip, "-q", *args], cwd=ROOT)


def link_mode(cache: Path, venv: Path) -> str:
    """How uv puts the packages of its cache into the venv: ``hardlink`` when the cache and the
    venv are on one file system (no bytes copied: a fresh clone's venv in ~1/3 of the time),
    ``copy`` otherwise (uv would warn that it cannot hard-link, then copy) or when unsure."""
    target = venv if venv.exists() else venv.parent
    try:
        return "hardlink" if cache.stat().st_dev == target.stat().st_dev else "copy"
    except OSError:
        return "copy"


def uv_cache_dir() -> Path:
    """uv's cache folder on Linux and macOS: ``$UV_CACHE_DIR``, else ``$XDG_CACHE_HOME/uv``,
    else ``~/.cache/uv`` (as ``uv cache dir`` says, without starting uv)."""
    explicit = os.environ.get("UV_CACHE_DIR", "")
    if explicit:
        return Path(explicit).expanduser()
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "uv"


def uv_env(mode: str = "copy") -> dict[str, str]:
    """Environment for uv: never download a Python, link mode ``mode`` (:func:`link_mode`),
    no progress bars in CI logs. A link mode set by the user (``UV_LINK_MODE``) is kept."""
    return {
        **os.environ,
        "UV_PYTHON_DOWNLOADS": "never",
        "UV_LINK_MODE": os.environ.get("UV_LINK_MODE") or mode,
        "UV_NO_PROGRESS": "1",
    }


def find_uv() -> str:
    """Path of a ``uv`` executable: on PATH, bootstrapped before, or installed now with pip
    into the user's cache folder (:data:`UV_HOME`, no root); "" when none can be had."""
    if os.environ.get("NINGBO_INSTALLER", "uv") == "pip":
        return ""
    found = shutil.which("uv")
    if found:
        return found
    local = UV_HOME / "bin" / "uv"
    if not local.exists():
        try:
            pip = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check"]
            run([*pip, "-q", "--progress-bar", "off", "--target", UV_HOME, UV_REQUIREMENT])
        except SetupError as err:
            say(f"no uv ({err}); using pip")
            return ""
    return str(local) if local.exists() else ""


def install_with_uv(uv: str, venv: Path) -> Path:
    """``uv venv --seed`` (pip inside, for users' own installs) and ``uv pip install -e '.[all,dev]'``."""
    py = venv / "bin" / "python"
    env = uv_env(link_mode(uv_cache_dir(), venv))
    if not py.exists():
        run([uv, "venv", "-q", "--seed", "--python", sys.executable, venv], env=env)
    # no --compile-bytecode: compiling every installed module (jupyterlab, dask, … most never
    # imported) was 25 s of CPU, two thirds of a fresh set-up. The Makefile unexports
    # PYTHONDONTWRITEBYTECODE (set in CI and on this machine), so Python writes the .pyc files
    # of the modules the tests, kernels and reports import, once, as it imports them
    install = [uv, "pip", "install", "-q", "--python", py]
    # first from uv's cache alone (--offline): when it holds every package that fits, no
    # request to the index (revalidating its pages was ~5 s of a fresh clone's 8 s install);
    # else (a package or version not cached yet) as usual, asking the index
    try:
        run([*install, "--offline", "-e", ".[all,dev]"], cwd=ROOT, env=env, capture_output=True)
    except SetupError:
        say("not all in uv's cache; asking the package index")
        run([*install, "-e", ".[all,dev]"], cwd=ROOT, env=env)
    return py


def install_with_pip(venv: Path) -> Path:
    """``python -m venv`` and ``pip install -e '.[all,dev]'`` (the fallback)."""
    py = ensure_venv(venv)
    pip_install(py, "-e", ".[all,dev]")
    return py


def install_package(venv: Path) -> Path:
    """Create ``venv`` and install the package with uv, or with pip when uv is not usable."""
    uv = find_uv()
    if uv:
        say("installing the package and its dependencies (uv pip install -e '.[all,dev]')")
        try:
            return install_with_uv(uv, venv)
        except SetupError as err:
            say(f"uv failed ({err}); falling back to pip")
            if venv.exists() and not (venv / "bin" / "pip").exists():
                shutil.rmtree(venv)
    say("installing the package and its dependencies (pip install -e '.[all,dev]')")
    return install_with_pip(venv)


def find_font(py: Path) -> str:
    """Path of the CJK font the package would use, or "" (asks ``ningbo_analysis.present.fonts``)."""
    res = subprocess.run(
        [str(py), "-m", "ningbo_analysis.present.fonts"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        check=False,
    )
    if res.returncode != 0:
        return ""
    family, path, _index = res.stdout.strip().split("\t")
    say(f"CJK font: {family} ({path})")
    return path


def clear_font_cache(py: Path) -> None:
    """Delete matplotlib's font list cache (``fontlist-v*.json``) so new fonts are seen."""
    code = (
        "import glob, os, matplotlib\n"
        "for f in glob.glob(os.path.join(matplotlib.get_cachedir(), 'fontlist-*.json')):\n"
        "    os.remove(f); print(f)\n"
    )
    res = subprocess.run([str(py), "-c", code], capture_output=True, text=True, check=False)
    for line in res.stdout.splitlines():
        say(f"removed stale matplotlib font cache {line}")
    if shutil.which("fc-cache"):
        subprocess.run(["fc-cache", "-f"], capture_output=True, check=False)


def install_font(py: Path, method: str) -> None:
    """Install a CJK font with ``apt`` (Debian package) or ``pip`` (into the venv)."""
    if method == "apt":
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
        run(["apt-get", "install", "-y", "-q", "--no-install-recommends", APT_PACKAGE], env=env)
    elif method == "pip":
        pip_install(py, PIP_FONT_PACKAGE)
    else:  # pragma: no cover - programming error
        raise ValueError(method)


def ensure_font(py: Path) -> str:
    """Return the path of a usable CJK font, installing one if needed; SetupError otherwise."""
    font = find_font(py)
    if font:
        return font
    plan = font_install_plan(os.geteuid() == 0, shutil.which("apt-get") is not None)
    for method in plan:
        say(f"no CJK font found; trying {method} install")
        try:
            install_font(py, method)
        except SetupError as err:
            say(f"{method} install failed: {err}")
            continue
        clear_font_cache(py)
        font = find_font(py)
        if font:
            return font
    raise SetupError(FONT_HINT)


BROWSER_PACKAGE = "chromium"


def ensure_browser() -> str:
    """Headless chromium for the reports' browser check (tests/present/test_browser.py, make
    screenshots): installed with apt-get as root when missing; otherwise a note, not an error
    (the browser test then skips and says what to install)."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        say(f"installing {BROWSER_PACKAGE} (headless browser check of the reports)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        try:
            run(["apt-get", "update", "-q"], env=env, stdout=subprocess.DEVNULL)
            run(
                ["apt-get", "install", "-y", "-q", "--no-install-recommends", BROWSER_PACKAGE],
                env=env,
                stdout=subprocess.DEVNULL,
            )
        except SetupError as err:
            say(f"{BROWSER_PACKAGE} install failed: {err}")
        found = shutil.which("chromium")
        if found:
            return found
    say(
        f"note: no chromium; the browser check of the reports will be skipped "
        f"(as root: apt-get install -y --no-install-recommends {BROWSER_PACKAGE})"
    )
    return ""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the set-up; 0 on success, 1 with a clear message otherwise."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--venv", default=str(ROOT / ".venv"), help="virtual environment folder")
    ap.add_argument("--force", action="store_true", help="reinstall even if up to date")
    args = ap.parse_args(argv)
    if sys.version_info < MIN_PYTHON:
        say(f"Python ≥ 3.11 is required, this is {sys.version.split()[0]} ({sys.executable}).")
        return 1
    venv = Path(args.venv)
    if not venv.is_absolute():
        venv = ROOT / venv
    stamp = venv / STAMP_NAME
    key = stamp_key([ROOT / "pyproject.toml", Path(__file__).resolve()], sys.version)
    py = venv / "bin" / "python"
    if not args.force and is_up_to_date(stamp, key, py):
        return 0
    try:
        py = install_package(venv)
        if os.environ.get("NINGBO_SKIP_FONT") == "1":
            font = "skipped"
        else:
            font = ensure_font(py)
        if os.environ.get("NINGBO_SKIP_BROWSER") != "1":
            ensure_browser()
    except SetupError as err:
        say(f"error: {err}")
        return 1
    stamp.write_text(f"{key}\n{font}\n", encoding="utf-8")
    say(f"done ({venv})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
