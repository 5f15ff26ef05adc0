"""A build stopped by a signal leaves the previous build; one killed outright is undone by the next."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

FORMATS = ["--format", "html", "--format", "md"]

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")


def output_state(out: Path) -> dict:
    return {str(p.relative_to(out)): (p.read_bytes() if p.is_file() else None) for p in sorted(out.rglob("*"))}


def staging_left(out: Path) -> list[str]:
    return [p.name for p in out.iterdir() if p.name.startswith(".sopgen-staging")]


@pytest.fixture
def built(make_project, run_cli, VALID_SOP):
    """A finished build of two SOPs, then one SOP changed so that the next build swaps both html/ and md/."""
    root = make_project({"door/welcome.yaml": VALID_SOP,
                         "door/farewell.yaml": VALID_SOP.replace("door-welcome-arrivals", "door-farewell")})
    assert run_cli(["build", *FORMATS], cwd=root)[0] == 0
    (root / "sops" / "door" / "farewell.yaml").unlink()
    return root, output_state(root / "build")


def build_signalled_mid_swap(root: Path, signum: int, on_call: int) -> subprocess.CompletedProcess:
    """Run a build that sends itself ``signum`` at its ``on_call``-th rename of the swap."""
    script = f"""
import os, sys
from sopgen.render import write
real, calls = os.replace, [0]
def replace(*args, **kwargs):
    if '.sopgen-staging-' in str(args[0]) + str(args[1]):
        calls[0] += 1
        if calls[0] == {on_call}:
            os.kill(os.getpid(), {int(signum)})
    return real(*args, **kwargs)
write.os.replace = replace
sys.argv = ['sopgen', 'build', {', '.join(repr(f) for f in FORMATS)}]
from sopgen.cli import main
main()
"""
    return subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""})


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP], ids=lambda s: s.name)
def test_a_signal_during_the_swap_rolls_back_with_one_line(built, signum):
    root, before = built

    run = build_signalled_mid_swap(root, signum, on_call=3)   # html/ swapped, md/ not yet

    assert run.returncode == 128 + signum, run.stderr
    assert run.stderr.strip() == "build interrupted; the previous output is unchanged"
    assert output_state(root / "build") == before
    assert staging_left(root / "build") == []


def test_a_build_killed_mid_swap_is_rolled_back_by_the_next(built, run_cli):
    from sopgen.render.write import _exclusive, recover_interrupted

    root, before = built
    run = build_signalled_mid_swap(root, signal.SIGKILL, on_call=3)
    assert run.returncode == -signal.SIGKILL
    assert staging_left(root / "build") != [] and output_state(root / "build") != before   # a mix, as killed

    with _exclusive(root / "build") as locked:
        assert locked
        recover_interrupted(root / "build")

    assert output_state(root / "build") == before
    assert staging_left(root / "build") == []


def test_the_next_build_after_a_kill_finishes_cleanly(built, run_cli):
    root, before = built
    build_signalled_mid_swap(root, signal.SIGKILL, on_call=2)

    code, out, err = run_cli(["build", *FORMATS], cwd=root)

    assert code == 0, out + err
    assert staging_left(root / "build") == []
    assert not (root / "build" / "html" / "door-farewell.html").exists()
    assert (root / "build" / "md" / "door-welcome-arrivals.md").is_file()


def _gone(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] in ("Z", "X")   # a zombie has ended
    except FileNotFoundError:
        return True


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads process states from /proc")
def test_pdf_workers_end_soon_after_the_build_that_started_them_is_killed():
    script = """
import os, time
from concurrent.futures import ProcessPoolExecutor
from sopgen.render.parallel import _process_context, _start_worker
pool = ProcessPoolExecutor(max_workers=1, mp_context=_process_context(), initializer=_start_worker,
                           initargs=(os.getpid(),))
print(pool.submit(os.getpid).result(), flush=True)
pool.submit(time.sleep, 300)   # a PDF that takes minutes
time.sleep(300)
"""
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        worker = int(parent.stdout.readline())
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 30
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _gone(worker), "the worker outlived its build by more than 30 seconds"
    finally:
        parent.kill()
        if 'worker' in locals() and not _gone(worker):
            os.kill(worker, signal.SIGKILL)


def test_ctrl_c_while_pdf_workers_start_prints_one_line(built):
    # Ctrl-C reaches the whole process group: here, just as the PDF workers (and WeasyPrint in them) start.
    root, before = built
    script = """
import os, signal, sys, threading
from multiprocessing import forkserver, popen_spawn_posix
sent = []
def started(real):
    def start(*args, **kwargs):
        result = real(*args, **kwargs)
        if not sent:   # the worker (or fork server) process exists; soon it is importing WeasyPrint
            sent.append(threading.Timer(0.4, os.killpg, (0, signal.SIGINT)))
            sent[0].start()
        return result
    return start
forkserver.ForkServer.ensure_running = started(forkserver.ForkServer.ensure_running)
popen_spawn_posix.Popen._launch = started(popen_spawn_posix.Popen._launch)
sys.argv = ['sopgen', 'build', '--format', 'pdf', '--jobs', '2', '--force']
from sopgen.cli import main
main()
"""
    run = subprocess.run([sys.executable, "-c", script], cwd=root, capture_output=True, text=True, timeout=120,
                         start_new_session=True, env={**os.environ, "NO_COLOR": "1", "GITHUB_ACTIONS": ""})

    assert run.returncode == 130, run.stderr
    assert run.stderr.strip() == "build interrupted; the previous output is unchanged"
    assert output_state(root / "build") == before
