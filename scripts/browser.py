"""Open the HTML reports in a real browser (Debian's chromium, headless).

    python scripts/browser.py screenshots [reports]   # every report → reports/screenshots/*.png
    python scripts/browser.py check [reports]         # each page loads, no network request,
                                                      # the DOM shows no e-notation

Chromium is installed with apt-get when missing (as root; otherwise the message says what to
install). Every request the page makes to the network goes through a local recording proxy,
so "no network request" is observed, not assumed. Used by ``make screenshots`` and by
``tests/present/test_browser.py``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APT_PACKAGE = "chromium"
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-component-extensions-with-background-pages",
    "--disable-domain-reliability",
    "--disable-client-side-phishing-detection",
    "--disable-features=OptimizationHints,MediaRouter,Translate,AutofillServerCommunication,"
    "CertificateTransparencyComponentUpdater,NetworkTimeServiceQuerying,SigninInterception",
    "--no-pings",
    "--no-default-browser-check",
    "--metrics-recording-only",
    "--hide-scrollbars",
    "--virtual-time-budget=4000",
)
#: Hosts chromium itself calls at start-up whatever the page (component updater, sign-in,
#: network time), seen with an empty page too; requests to them are not the page's.
BROWSER_SERVICE_HOSTS = ("update.googleapis.com", "accounts.google.com", "clients2.google.com")
E_NOTATION = re.compile(r"(?<![\w.])\d+(?:\.\d+)?[eE][+-]?\d+(?![\w])")


class BrowserError(RuntimeError):
    """Chromium is missing and cannot be installed, or a page failed a check."""


def find_chromium() -> str | None:
    """Path of a chromium executable, or None."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


def ensure_chromium() -> str:
    """Chromium's path, installing Debian's package as root when it is missing."""
    found = find_chromium()
    if found:
        return found
    if os.geteuid() == 0 and shutil.which("apt-get"):
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        print(f"installing {APT_PACKAGE} with apt-get …", file=sys.stderr, flush=True)
        subprocess.run(["apt-get", "update", "-q"], env=env, check=False, capture_output=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "--no-install-recommends", APT_PACKAGE],
            env=env,
            check=False,
            capture_output=True,
        )
        found = find_chromium()
        if found:
            return found
    raise BrowserError(
        "chromium is not installed; as root on Debian/Ubuntu: "
        f"apt-get install -y --no-install-recommends {APT_PACKAGE}"
    )


@contextmanager
def recording_proxy() -> Iterator[tuple[int, list[str]]]:
    """A local HTTP proxy that refuses every request and records its first line
    (``GET http://…`` or ``CONNECT host:443``): yields ``(port, requests)``."""
    requests: list[str] = []
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = server.accept()
            except OSError:
                continue
            with conn:
                conn.settimeout(1.0)
                try:
                    first = conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1")
                except OSError:
                    first = "(unreadable request)"
                if first:  # a connection closed before it asked anything (chromium preconnects
                    requests.append(first)  # to its proxy) is no request
                try:
                    conn.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], requests
    finally:
        stop.set()
        thread.join()
        server.close()


def run_chromium(page: Path, *args: str, proxy_port: int, timeout: int = 90) -> str:
    """Run headless chromium on ``page`` with ``args``; return its stdout (the DOM for
    ``--dump-dom``). BrowserError naming the page when chromium fails."""
    exe = ensure_chromium()
    with tempfile.TemporaryDirectory(prefix="ningbo-chromium-") as profile:
        cmd = [
            exe,
            *FLAGS,
            f"--user-data-dir={profile}",
            f"--proxy-server=http://127.0.0.1:{proxy_port}",
            "--proxy-bypass-list=<-loopback>",
            *args,
            page.resolve().as_uri(),
        ]
        try:
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            raise BrowserError(f"{page}: chromium did not finish in {timeout} s") from None
    if res.returncode != 0:
        raise BrowserError(f"{page}: chromium exited {res.returncode}: {res.stderr[-500:]}")
    return res.stdout


def reports_in(folder: Path) -> list[Path]:
    """Every HTML report under ``folder`` (index.html first), sorted."""
    pages = sorted(p for p in folder.rglob("*.html") if "screenshots" not in p.parts)
    if not pages:
        raise BrowserError(f"no HTML report in {folder}; run `make report` first")
    return sorted(pages, key=lambda p: (p.name != "index.html", p.as_posix()))


def browser_service(request: str) -> bool:
    """True for a request line of chromium's own services (:data:`BROWSER_SERVICE_HOSTS`)."""
    m = re.match(r"^[A-Z]+ (?:https?://)?([^/:\s]+)", request)
    return bool(m) and m.group(1) in BROWSER_SERVICE_HOSTS


def visible_text(dom: str) -> str:
    """The text of a DOM dump without scripts, styles and tags (what a reader sees)."""
    dom = re.sub(r"<(script|style)\b.*?</\1>", " ", dom, flags=re.S | re.I)
    dom = re.sub(r"<img\b[^>]*>", " ", dom, flags=re.I)
    return re.sub(r"<[^>]+>", " ", dom)


#: English prose: four Latin words in a row (code, file names and tooltips are not prose).
ENGLISH_PROSE = re.compile(r"[A-Za-z][A-Za-z'’-]*(?:[\s,;:()/]+[A-Za-z][A-Za-z'’-]*){3,}")


def english_sentences(dom: str) -> list[str]:
    """Runs of English prose in the text a reader sees (``<code>``/``<pre>`` and attributes
    such as tooltips left out): a page for readers in Chinese shows none."""
    dom = re.sub(r"<(code|pre)\b.*?</\1>", " ", dom, flags=re.S | re.I)
    return sorted(set(ENGLISH_PROSE.findall(visible_text(dom))))


def check_page(page: Path) -> tuple[str, list[str]]:
    """Load ``page``; return ``(dom, problems)``: network requests made, e-notation shown,
    an empty body."""
    with recording_proxy() as (port, requests):
        dom = run_chromium(page, "--dump-dom", proxy_port=port)
        made = list(requests)
    problems = [f"network request: {r}" for r in made if not browser_service(r)]
    shown = visible_text(dom)
    problems += [f"e-notation shown: {m}" for m in sorted(set(E_NOTATION.findall(shown)))]
    if len(shown.strip()) < 50:
        problems.append("the page shows (almost) nothing")
    return dom, problems


def screenshot(page: Path, png: Path, width: int = 1280, height: int = 2000) -> Path:
    """Render the top ``width`` × ``height`` pixels of ``page`` to ``png``."""
    png.parent.mkdir(parents=True, exist_ok=True)
    with recording_proxy() as (port, _):
        run_chromium(
            page,
            f"--screenshot={png.resolve()}",
            f"--window-size={width},{height}",
            proxy_port=port,
        )
    if not png.is_file():
        raise BrowserError(f"{page}: chromium wrote no screenshot")
    return png


def screenshot_name(page: Path, folder: Path) -> str:
    """``reports/宁波/02_figures.html`` → ``宁波_02_figures.png``."""
    return "_".join(page.relative_to(folder).with_suffix("").parts) + ".png"


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("command", choices=("screenshots", "check"))
    ap.add_argument("reports", nargs="?", default=str(ROOT / "reports"))
    args = ap.parse_args(argv)
    folder = Path(args.reports)
    try:
        pages = reports_in(folder)
        failed = 0
        for page in pages:
            if args.command == "screenshots":
                png = screenshot(page, folder / "screenshots" / screenshot_name(page, folder))
                print(f"{page.relative_to(folder)} → {png.relative_to(folder)}")
                continue
            _, problems = check_page(page)
            failed += bool(problems)
            status = "ok" if not problems else "; ".join(problems)
            print(f"{page.relative_to(folder)}: {status}")
    except BrowserError as err:
        print(f"browser: error: {err}", file=sys.stderr)
        return 2
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
