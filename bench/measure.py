"""Measuring a benchmark step: a command run as a child process, with its wall time, CPU time
(user + system, its own and that of every descendant it waited for) and peak resident memory of
the whole process tree (sampled from /proc every 20 ms, summed over the tree at each sample).

Every figure a benchmark reports is the median of `runs` (≥ 3) such measurements; the machine it
ran on is described by `machine()`.
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE")
ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Measurement:
    wall: float  # seconds
    cpu: float  # seconds, user + system, the tree's
    peak_rss_mib: float  # the tree's summed RSS at its highest sample
    output: str  # stdout (stderr goes to the terminal, or to `log`)


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    stat = handle.read()
            except OSError:
                continue
            parent = int(stat[stat.rindex(b")") + 2:].split()[1])
            tree.setdefault(parent, []).append(int(entry.name))
    return tree


def tree_rss_mib(pid: int) -> float:
    """Summed resident memory of `pid` and all its descendants, in MiB."""
    tree, pending, total = _children(), [pid], 0
    while pending:
        current = pending.pop()
        try:
            with open(f"/proc/{current}/statm", "rb") as handle:
                total += int(handle.read().split()[1]) * PAGE
        except OSError:
            pass
        pending.extend(tree.get(current, ()))
    return total / 2**20


def measure(command: Sequence[str], env: dict[str, str] | None = None, cwd: Path = ROOT,
            log: Path | None = None, sample_every: float = 0.02) -> Measurement:
    """Run `command` to completion and measure it; a non-zero exit raises with its output."""
    stderr = log.open("ab") if log else None
    started = time.perf_counter()
    process = subprocess.Popen(list(command), env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=stderr)
    peak = 0.0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.is_set():
            peak = max(peak, tree_rss_mib(process.pid))
            done.wait(sample_every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output = process.stdout.read() if process.stdout else b""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    if stderr:
        stderr.close()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited with {process.returncode}:\n{output.decode()[-3000:]}"
                           + (f"\n(log: {log})" if log else ""))
    # The samples are the figure: ru_maxrss would also count the parent's memory, which a forked
    # child's high-water mark starts from (Linux keeps it across exec). It only stands in when
    # the child ended before the first sample.
    peak = peak or usage.ru_maxrss / 1024
    return Measurement(wall, usage.ru_utime + usage.ru_stime, peak, output.decode())


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def summary(runs: Sequence[Measurement]) -> dict[str, float]:
    """Medians over runs: wall, cpu, peak_rss_mib; plus the spread of the wall time."""
    walls = [r.wall for r in runs]
    return {"runs": len(runs), "wall": median(walls), "wall_min": min(walls), "wall_max": max(walls),
            "cpu": median([r.cpu for r in runs]), "peak_rss_mib": median([r.peak_rss_mib for r in runs])}


def cpu_model() -> str:
    with open("/proc/cpuinfo") as handle:
        for line in handle:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "?"


def memory_gib() -> float:
    with open("/proc/meminfo") as handle:
        for line in handle:
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 2**20, 1)
    raise RuntimeError("/proc/meminfo has no MemTotal")


def machine() -> dict[str, str]:
    """The machine the figures come from."""
    return {"cores": str(len(os.sched_getaffinity(0))), "memory": f"{memory_gib():.1f} GiB",
            "cpu": cpu_model(), "python": platform.python_version(),
            "os": f"{platform.system()} {platform.release()}"}


def machine_line() -> str:
    facts = machine()
    return (f"{facts['cores']} cores ({facts['cpu']}), {facts['memory']} memory, "
            f"Python {facts['python']}, {facts['os']}")
