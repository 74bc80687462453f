"""The Jupyter kernels that run the notebooks: a kernelspec for this interpreter, kernel
managers that register their kernels so that an interrupted run can stop them all
(:func:`stop_kernels`), a client handshake without jupyter_client's fixed 0.2 s pause, and
kernels reused from notebook to notebook, reset in between to what a fresh kernel has."""

from __future__ import annotations

import hashlib
import json
import math
import os
import signal
import sys
import threading
import time
import types
from pathlib import Path

from ningbo_analysis.errors import NingboAnalysisError
from ningbo_analysis.run.paths import repo_root, write_atomic

#: Environment of the notebook kernel: no library deprecation chatter, no debugger warning.
KERNEL_ENV = {
    "PYTHONWARNINGS": "ignore::DeprecationWarning,ignore::PendingDeprecationWarning",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "JUPYTER_PLATFORM_DIRS": "1",
    "MPLBACKEND": "module://matplotlib_inline.backend_inline",
}


def ensure_kernel() -> str:
    """Install (if needed) a kernelspec for the current interpreter and return its name.

    The spec lives in ``<sys.prefix>/share/jupyter/kernels`` (or the user's Jupyter data
    folder when that is read-only), runs ``sys.executable`` and sets :data:`KERNEL_ENV`.
    """
    digest = hashlib.sha256(sys.prefix.encode()).hexdigest()[:8]
    name = f"ningbo-analysis-{digest}"
    spec = {
        "argv": [
            sys.executable,
            "-Xfrozen_modules=off",
            "-m",
            "ipykernel_launcher",
            "-f",
            "{connection_file}",
            "--IPKernelApp.log_level=CRITICAL",
        ],
        "display_name": f"Python {sys.version_info.major}.{sys.version_info.minor} (ningbo-analysis)",
        "language": "python",
        "env": KERNEL_ENV,
        "metadata": {"debugger": False},
    }
    text = json.dumps(spec, indent=1, ensure_ascii=False) + "\n"
    from jupyter_core.paths import jupyter_data_dir

    errors = []
    for base in (Path(sys.prefix) / "share" / "jupyter", Path(jupyter_data_dir())):
        path = base / "kernels" / name / "kernel.json"
        try:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                write_atomic(path, text)  # parallel runs never read half a file
            return name
        except OSError as err:
            errors.append(f"{path}: {err.strerror or err}")
    raise NingboAnalysisError("cannot install the Jupyter kernelspec: " + "; ".join(errors))


#: Kernel managers of the kernels running now (for :func:`stop_kernels`).
_RUNNING: set = set()


_RUNNING_LOCK = threading.Lock()


#: Silence on IOPub after which a new client's channel counts as drained (jupyter_client
#: waits 0.2 s; the runner's kernels run on this machine, their messages arrive within a
#: millisecond).
IOPUB_DRAIN_SECONDS = 0.01


async def _wait_for_local_kernel(kc, timeout: float | None = None) -> None:
    """``wait_for_ready`` of jupyter_client's async client for a kernel on this machine: the
    same handshake (kernel_info until a reply comes and IOPub carries a message), then IOPub
    drained until :data:`IOPUB_DRAIN_SECONDS` of silence instead of 0.2 s. nbclient ignores
    messages of other requests anyway; the 0.2 s cost every notebook of a report 0.2 s of an
    idle core (0.8 s per worker)."""
    from queue import Empty

    from jupyter_client.utils import ensure_async

    deadline = time.monotonic() + (timeout if timeout is not None else math.inf)
    while True:
        kc.kernel_info()
        try:
            reply = await ensure_async(kc.shell_channel.get_msg(timeout=1))
        except Empty:
            reply = None
        if reply is not None and reply["msg_type"] == "kernel_info_reply":
            try:  # IOPub connected: the kernel's status for this request arrives on it
                await ensure_async(kc.iopub_channel.get_msg(timeout=0.2))
            except Empty:
                pass
            else:
                kc._handle_kernel_info_reply(reply)
                break
        if not await ensure_async(kc.is_alive()):
            raise RuntimeError("Kernel died before replying to kernel_info")
        if time.monotonic() > deadline:
            raise RuntimeError(f"Kernel didn't respond in {timeout} seconds")
    while True:
        try:
            await ensure_async(kc.iopub_channel.get_msg(timeout=IOPUB_DRAIN_SECONDS))
        except Empty:
            return


def _kernel_manager_class():
    """AsyncKernelManager that registers its kernel while it runs, so that an interrupted
    run can stop every kernel it started (kernels run in their own session: Ctrl-C in the
    terminal does not reach them)."""
    from jupyter_client import AsyncKernelManager

    class TrackedKernelManager(AsyncKernelManager):
        def client(self, **kw):
            """A client, remembered so that :func:`_close_clients` can stop its channels
            (nbclient leaves them open on a kernel it did not start), that waits for its kernel
            as :func:`_wait_for_local_kernel` does."""
            kc = super().client(**kw)
            kc.wait_for_ready = types.MethodType(_wait_for_local_kernel, kc)
            self.__dict__.setdefault("_ningbo_clients", []).append(kc)
            return kc

        async def _async_launch_kernel(self, kernel_cmd, **kw):
            await super()._async_launch_kernel(kernel_cmd, **kw)
            with _RUNNING_LOCK:
                _RUNNING.add(self)

        async def _async_cleanup_resources(self, restart: bool = False) -> None:
            with _RUNNING_LOCK:
                _RUNNING.discard(self)
            await super()._async_cleanup_resources(restart=restart)

    return TrackedKernelManager


def stop_kernels() -> int:
    """Kill every kernel this process started that still runs (and its process group);
    the number stopped."""
    with _RUNNING_LOCK:
        managers = list(_RUNNING)
        _RUNNING.clear()
    stopped = 0
    for km in managers:
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is None or process.poll() is not None:
            continue
        try:
            os.killpg(process.pid, signal.SIGKILL)  # its own session: group id = its pid
        except OSError:
            try:
                process.kill()
            except OSError:
                continue
        stopped += 1
    return stopped


#: Run in a reused kernel before each notebook: what a fresh kernel would have (empty
#: namespace, execution count 1, the repository as working folder, matplotlib's rc file
#: settings, no open figure); imported modules stay loaded, which is the time saved.
#: Run when a reused kernel starts (before its first notebook): the process state a notebook
#: may change and a reset must put back — warnings filters, environment, import path, and the
#: ``__main__`` module's own names.
_SNAPSHOT_KERNEL = (
    "__import__('sys')._ningbo_initial = (list(__import__('warnings').filters), "
    "dict(__import__('os').environ), list(__import__('sys').path), "
    "{k: v for k, v in vars(__import__('sys').modules['__main__']).items() "
    "if k in ('__doc__', '__loader__', '__package__', '__spec__')})"
)


_RESET_KERNEL = """\
# IPython's reset ends with a full garbage collection (0.1 s with pandas and matplotlib loaded,
# three times per region); the collector's own runs free that memory later
__import__("sys")._ningbo_collect = __import__("gc").collect
__import__("gc").collect = lambda generation=2: 0
try:
    get_ipython().reset(new_session=True)
finally:
    __import__("gc").collect = __import__("sys")._ningbo_collect
import os as _os, sys as _sys, warnings as _w
_os.chdir({cwd!r})
_init = getattr(_sys, "_ningbo_initial", None)
if _init is not None:
    _w.filters[:] = _init[0]
    getattr(_w, "_filters_mutated", lambda: None)()  # forget warnings already shown once
    _os.environ.clear()
    _os.environ.update(_init[1])
    _sys.path[:] = _init[2]
    # IPython's reset drops __main__'s __spec__ (multiprocessing's spawn, hence a Dask
    # LocalCluster, needs it), __loader__, __package__ and __doc__
    vars(_sys.modules["__main__"]).update(_init[3])
if "pandas" in _sys.modules:
    with _w.catch_warnings():
        _w.simplefilter("ignore")  # deprecated options warn when reset
        _sys.modules["pandas"].reset_option("all")
if "matplotlib.pyplot" in _sys.modules:
    _sys.modules["matplotlib.pyplot"].close("all")
if "matplotlib" in _sys.modules:
    _sys.modules["matplotlib"].rc_file_defaults()
del _os, _sys, _w, _init
"""


def _start_kernel():
    """A started kernel (tracked by :func:`stop_kernels`) in the repository folder."""
    from jupyter_core.utils import run_sync

    km = _kernel_manager_class()(kernel_name=ensure_kernel())
    run_sync(km.start_kernel)(
        cwd=str(repo_root()),
        extra_arguments=[
            "--HistoryManager.hist_file=:memory:",
            f"--IPKernelApp.exec_lines={json.dumps([_SNAPSHOT_KERNEL])}",
        ],
    )
    return km


def _close_clients(km) -> None:
    """Stop the channels of every client of ``km`` still running."""
    clients = km.__dict__.get("_ningbo_clients", [])
    while clients:
        kc = clients.pop()
        try:
            if kc.channels_running:
                kc.stop_channels()
        except Exception:
            pass


def _shutdown_kernel(km) -> None:
    """Stop a kernel of :func:`_start_kernel` now (never raises)."""
    from jupyter_core.utils import run_sync

    _close_clients(km)
    try:
        run_sync(km.shutdown_kernel)(now=True)
    except Exception:
        process = getattr(getattr(km, "provisioner", None), "process", None)
        if process is not None and process.poll() is None:
            process.kill()


def close_thread_loop() -> None:
    """Close the event loop jupyter_core's ``run_sync`` made for this thread (one per thread,
    never closed: its epoll and self-pipe, three file descriptors, would stay open for every
    worker thread of every run of a long-lived process). A no-op without one."""
    import asyncio
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        try:
            loop = asyncio.get_event_loop_policy().get_event_loop()
        except RuntimeError:
            return  # no loop was made in this thread
    if not loop.is_running() and not loop.is_closed():
        loop.close()
    asyncio.set_event_loop(None)


def _ready_kernel(km):
    """``km`` reset for the next notebook (:data:`_RESET_KERNEL`), or a new kernel when there
    is none or the reset fails."""
    from jupyter_core.utils import run_sync

    if km is None:
        return _start_kernel()
    _close_clients(km)

    async def reset() -> bool:
        # the kernel is idle (it just finished a notebook): no wait_for_ready, whose IOPub flush
        # alone waits 0.2 s; only the shell reply to this request is awaited
        kc = km.client()
        kc.start_channels()
        try:
            code = _RESET_KERNEL.format(cwd=str(repo_root()))
            msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False)
            while True:
                reply = await kc.get_shell_msg(timeout=60)
                if reply["parent_header"].get("msg_id") == msg_id:
                    return reply["content"]["status"] == "ok"
        finally:
            kc.stop_channels()

    try:
        if run_sync(km.is_alive)() and run_sync(reset)():
            return km
    except Exception:
        pass
    _shutdown_kernel(km)
    return _start_kernel()


__all__ = [
    "IOPUB_DRAIN_SECONDS",
    "KERNEL_ENV",
    "ensure_kernel",
    "stop_kernels",
]
