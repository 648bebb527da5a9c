"""End to end: the real nightly flow (`jobradar run`) over synthetic boards of 25 postings each,
at several sizes, with wall time, CPU time and peak RSS of the whole process tree; then, per size,
an incremental run — the next date, with 5% of the postings edited — against the first one.

    .venv/bin/python bench/e2e.py --sizes 10000,50000,200000 --runs 3 \\
        --out data/bench/e2e.md --json data/bench/e2e.json

`--sizes 10000,50000x1` runs 50,000 once (SIZExN); `--incremental-sizes 10000` measures the
incremental run at those sizes only; `--include earlier.json` adds the sizes of an earlier, longer
run (e.g. 200,000 postings, ~20 min a run) to the table, marked with its own command.

`jobradar run` runs from `--venv` (default `.venv-run`, which `make bench` keeps as the default
install, `pip install -e .` and nothing else, as a deployment has it; `.venv` when there is none):
the bench extra in `.venv` brings torch, and with torch installed every run's imports take ~2 s
longer (skops imports every scikit-learn module, and scikit-learn's array API support then torch).

The model is trained once beforehand into a shared model dir, so no run includes training, and
every run talks to one Prefect server started here (outside the measured process tree, as a
deployment's server would be), so no run pays the ~10 s of starting a temporary one. The boards
are served from a separate process. Each full run starts on a fresh data dir.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.measure import Measurement, machine_line, measure, median, summary  # noqa: E402
from bench.synthetic import SyntheticBoards, served_in_process  # noqa: E402

PER_BOARD = 25
FIRST_DAY = date(2024, 3, 1)
STAGES = ("crawl", "model", "normalise", "label", "copy", "write", "history")
OTHER = "other"  # wall time outside the stages: interpreter and imports, Prefect flow-run set-up, exit
TARGET_WALL_50K = 300.0  # seconds, 50,000 postings end to end on 2 cores
TARGET_RSS_200K = 2048.0  # MiB, peak over the process tree at 200,000 postings
TARGET_INCREMENTAL = 0.30  # an incremental run's wall time over a full one's
DEFAULT_VENV = ROOT / ".venv-run"
LINEAR_SLACK = 1.10  # "linear or better": cost per posting at the largest size ≤ 1.1 × the smallest's


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,50000,200000",
                        help="postings per run, comma-separated; SIZExN runs that size N times")
    parser.add_argument("--runs", type=int, default=3, help="runs per size (median reported)")
    parser.add_argument("--out", type=Path, default=ROOT / "data" / "bench" / "e2e.md")
    parser.add_argument("--json", type=Path, default=ROOT / "data" / "bench" / "e2e.json")
    parser.add_argument("--incremental-sizes", default="all",
                        help="sizes also measured incrementally, comma-separated, or 'all'")
    parser.add_argument("--include", type=Path, action="append", default=[],
                        help="a JSON file of an earlier e2e run whose sizes join the table (marked so)")
    parser.add_argument("--work-dir", type=Path, help="where data dirs go (default: a temporary dir)")
    parser.add_argument("--venv", type=Path, default=DEFAULT_VENV if DEFAULT_VENV.exists() else ROOT / ".venv",
                        help="the virtualenv whose `jobradar` is measured (default: .venv-run, the default "
                             "install, when it exists, else .venv)")
    args = parser.parse_args()
    sizes = [_size(part, args.runs) for part in args.sizes.split(",") if part.strip()]
    incremental = {size for size, _ in sizes} if args.incremental_sizes == "all" else {
        int(part) for part in args.incremental_sizes.split(",") if part.strip()}
    command = "PREFECT_SERVER_ANALYTICS_ENABLED=false .venv/bin/python bench/e2e.py " + " ".join(sys.argv[1:])
    with tempfile.TemporaryDirectory(prefix="jobradar-e2e-") as temporary:
        work = args.work_dir or Path(temporary)
        work.mkdir(parents=True, exist_ok=True)
        results = run_all(sizes, incremental, work, args.venv)
    results["command"] = command
    results["venv"] = _venv_line(args.venv)
    results["machine"] = machine_line()
    for path in args.include:
        earlier = json.loads(path.read_text(encoding="utf-8"))
        for entry in earlier["sizes"]:
            for kind, staged in entry["stages"].items():
                staged.setdefault(OTHER, round(entry[kind]["wall"] - sum(staged.values()), 2))
            if entry["incremental"] and "cpu_ratio" not in entry:
                entry["cpu_ratio"] = entry["incremental"]["cpu"] / entry["full"]["cpu"]
            results["sizes"].append({**entry, "command": earlier["command"]})
    results["sizes"].sort(key=lambda entry: entry["size"])
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(markdown(results), encoding="utf-8")
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(args.out.read_text(encoding="utf-8"))


def _size(text: str, runs: int) -> tuple[int, int]:
    size, _, times = text.strip().partition("x")
    return int(size), int(times or runs)


def _venv_line(venv: Path) -> str:
    """Which install ran: its path and whether the bench extra's torch is in it."""
    found = subprocess.run([str(venv / "bin" / "python"), "-c", "import importlib.util as u; "
                            "print(u.find_spec('torch') is not None)"], capture_output=True, text=True)
    torch = "with torch (the bench extra)" if found.stdout.strip() == "True" else "without torch"
    try:
        shown = venv.resolve().relative_to(ROOT)
    except ValueError:
        shown = venv
    return f"`{shown}/bin/jobradar`, {torch}"


def run_all(sizes: list[tuple[int, int]], incremental: set[int], work: Path, venv: Path) -> dict[str, Any]:
    models = work / "models"
    train_once(models)
    results: dict[str, Any] = {"sizes": [], "prefect": "one Prefect server for all runs"}
    with prefect_server(work / "prefect") as api_url:
        env = {**os.environ, "JOBRADAR_DOWNLOAD_DELAY": "0", "JOBRADAR_AUTOTHROTTLE": "false",
               "JOBRADAR_MODEL_DIR": str(models), "PREFECT_API_URL": api_url,
               "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONUNBUFFERED": "1"}
        for index, (size, runs) in enumerate(sizes):
            results["sizes"].append(run_size(size, runs, size in incremental, work, env, venv,
                                             keep=work / "profile-data" if index == 0 else None))
    results["profile"] = profile_stage(work / "profile-data", models, sizes[0][0])
    return results


def run_size(size: int, runs: int, with_incremental: bool, work: Path, env: dict[str, str], venv: Path,
             keep: Path | None = None) -> dict[str, Any]:
    """`runs` full runs, each on a fresh data dir and (`with_incremental`) followed by an
    incremental run the next date on it; the last data dir is kept at `keep` for the profile."""
    full: list[Measurement] = []
    incremental: list[Measurement] = []
    stages: dict[str, list[dict[str, float]]] = {"full": [], "incremental": []}
    counts: dict[str, list[str]] = {"full": [], "incremental": []}
    loads: dict[str, list[float]] = {"full": [], "incremental": []}  # other work on the machine meanwhile
    first, second = SyntheticBoards(size // PER_BOARD, PER_BOARD), SyntheticBoards(size // PER_BOARD, PER_BOARD, 1)
    for run in range(runs):
        data_dir = work / f"data-{size}"
        shutil.rmtree(data_dir, ignore_errors=True)
        kinds = [("full", first, FIRST_DAY, full)]
        if with_incremental:
            kinds.append(("incremental", second, FIRST_DAY + timedelta(days=1), incremental))
        for kind, boards, day, into in kinds:
            log = work / f"{size}-{kind}-{run}.log"
            log.unlink(missing_ok=True)
            with served_in_process(boards) as url:
                sources = boards.write_sources(work / f"sources-{size}-{boards.edition}.toml", url)
                print(f"e2e: {size} postings, {kind} run {run + 1}/{runs} ...", file=sys.stderr, flush=True)
                measured = measure([str(venv / "bin" / "jobradar"), "run", "--date", day.isoformat(),
                                    "--sources", str(sources), "--data-dir", str(data_dir)], env=env, log=log)
            into.append(measured)
            loads[kind].append(os.getloadavg()[0])
            text = log.read_text(encoding="utf-8", errors="replace") + measured.output
            staged = stage_seconds(text)
            stages[kind].append({**staged, OTHER: round(measured.wall - sum(staged.values()), 2)})
            counts[kind].append(label_counts(text))
            print(f"e2e:   {measured.wall:.1f} s wall, {measured.cpu:.1f} s CPU, "
                  f"{measured.peak_rss_mib:.0f} MiB; {stages[kind][-1]}; {counts[kind][-1]}",
                  file=sys.stderr, flush=True)
        if keep is not None and run == runs - 1:
            shutil.rmtree(keep, ignore_errors=True)
            data_dir.rename(keep)
        shutil.rmtree(data_dir, ignore_errors=True)
    return {
        "size": size, "full": summary(full), "incremental": summary(incremental) if incremental else None,
        "ratio": median([i.wall / f.wall for f, i in zip(full, incremental, strict=True)]) if incremental else None,
        "cpu_ratio": median([i.cpu / f.cpu for f, i in zip(full, incremental, strict=True)]) if incremental else None,
        "stages": {kind: {stage: median([s.get(stage, 0.0) for s in runs_of])
                          for stage in (*STAGES, OTHER)} for kind, runs_of in stages.items() if runs_of},
        "labels": {kind: values[-1] for kind, values in counts.items() if values},
        "load": {kind: median(values) for kind, values in loads.items() if values},
    }


def stage_seconds(text: str) -> dict[str, float]:
    """The run report's "seconds per stage" line, as numbers."""
    found = re.findall(r"seconds per stage: (.+)", text)
    if not found:
        return {}
    return {name: float(value) for name, value in re.findall(r"(\w+) ([\d.]+)", found[-1])}


def label_counts(text: str) -> str:
    """"N labelled, M reused" from the run report, and how many boards failed, if any did."""
    found = re.findall(r"labelled by the model: (\d+)\s+labels reused \(unchanged\): (\d+)", text)
    counts = f"{found[-1][0]} labelled, {found[-1][1]} reused" if found else "?"
    failed = re.findall(r"FAILED boards \((\d+)\)", text)
    return counts + (f", {failed[-1]} boards FAILED to crawl" if failed else "")


def train_once(models: Path) -> None:
    """Train the current model into `models` unless one is there (no measured run trains)."""
    from classifiers.persistence import current_version
    from flows.train import train_and_save

    if current_version(models) is None:
        print("e2e: training the model once ...", file=sys.stderr, flush=True)
        train_and_save(models, cross_validate=False)


@contextmanager
def prefect_server(home: Path) -> Iterator[str]:
    """A Prefect server (API only) on a free local port, for every run; yields its API URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    env.pop("PREFECT_API_URL", None)
    log = (home / "server.log").open("wb")
    process = subprocess.Popen([str(ROOT / ".venv" / "bin" / "prefect"), "server", "start", "--host", "127.0.0.1",
                                "--port", str(port), "--no-services", "--no-ui"], env=env, stdout=log, stderr=log)
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Prefect server did not start; see {home / 'server.log'}")
            time.sleep(0.5)
        yield url
    finally:
        process.terminate()
        process.wait(30)
        log.close()


def profile_stage(data_dir: Path, models: Path, size: int) -> dict[str, Any]:
    """cProfile of normalising, labelling and writing one full run's archive again, in this
    process: the functions with the most time of their own."""
    from classifiers.labeller import LABEL_FIELDS
    from flows.partition import LabelledPostings, Stopwatch
    from flows.train import current_labeller
    from pipeline.archive import latest_crawls
    from pipeline.reuse import EarlierLabels
    from pipeline.store import write_partition

    if not data_dir.exists():
        return {}
    crawls = latest_crawls(data_dir, FIRST_DAY)
    archive: dict[str, list[str]] = {}
    for crawl in crawls:
        archive.setdefault(crawl.source, []).append(crawl.archive_id)
    companies = {(c.source, board): name for c in crawls for board, name in c.companies.items()}
    stopwatch = Stopwatch()
    postings = LabelledPostings(data_dir, FIRST_DAY, "profile", archive, companies, 100_000,
                                current_labeller(models), EarlierLabels.none(LABEL_FIELDS), stopwatch,
                                progress=lambda _: None)
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    write_partition(postings, data_dir, FIRST_DAY, "profile")
    profiler.disable()
    stopwatch.seconds["write"] = time.perf_counter() - started - sum(stopwatch.seconds.values())
    stats = pstats.Stats(profiler, stream=io.StringIO())
    total = sum(entry[2] for entry in stats.stats.values())  # own time of every function
    top = sorted(stats.stats.items(), key=lambda item: item[1][2], reverse=True)[:8]
    shutil.rmtree(data_dir, ignore_errors=True)
    return {
        "postings": size, "stages": stopwatch.rounded(),
        "top": [{"function": f"{'/'.join(Path(file).parts[-2:])}:{line} {name}", "own_seconds": round(entry[2], 2),
                 "share": round(entry[2] / total, 3)} for (file, line, name), entry in top],
    }


def markdown(results: dict[str, Any]) -> str:
    sizes = results["sizes"]
    base = sizes[0]
    base_cost = base["full"]["wall"] / base["size"]
    lines = [
        "## End to end",
        "",
        "The nightly flow (`jobradar run`: crawl over HTTP from a separate local server, normalise, "
        f"label, write the partition, rebuild the history) over synthetic boards of {PER_BOARD} postings "
        "each (Greenhouse, Lever and Ashby in turn), each full run on a fresh data dir; then the "
        "incremental run: the next date, with 5% of the postings edited, against the data dir of the "
        "full run. Politeness off (`JOBRADAR_DOWNLOAD_DELAY=0`, `JOBRADAR_AUTOTHROTTLE=false`), the "
        "default 2 concurrent requests per host. The model was trained once beforehand; all runs use "
        "one Prefect server started by the benchmark (its own CPU and memory are outside the measured "
        "process tree, as a deployment's server would be). Wall and CPU time (user + system, with every "
        "child process) and peak RSS summed over the run's process tree (bench/measure.py); each figure "
        "is the median of the runs shown. *load avg* is the machine's 1-minute load average as each run "
        "ended: above the core count, other work shared the cores and wall times are inflated — CPU "
        "time is then the steadier figure.",
        "",
        f"Command: `{results['command']}`",
        "",
        f"Machine: {results['machine']}",
        "",
        f"jobradar run from: {results.get('venv', '`.venv/bin/jobradar`')}",
        "",
        "| postings | runs | wall s, median (min–max) | CPU s | peak RSS MiB | postings/s | "
        f"cost per 1,000 postings vs {base['size']:,} | load avg |",
        "|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for entry in sizes:
        full, size = entry["full"], entry["size"]
        lines.append(f"| {size:,}{_mark(entry, results)} | {full['runs']} | {full['wall']:.1f} ({full['wall_min']:.1f}–"
                     f"{full['wall_max']:.1f}) | {full['cpu']:.1f} | {full['peak_rss_mib']:.0f} | "
                     f"{size / full['wall']:.0f} | {full['wall'] / size / base_cost:.2f}× | {_load(entry, 'full')} |")
    for entry in (e for e in sizes if e["incremental"]):
        inc, size = entry["incremental"], entry["size"]
        lines.append(f"| {size:,}{_mark(entry, results)}, next date, 5% edited | {inc['runs']} | "
                     f"{inc['wall']:.1f} ({inc['wall_min']:.1f}–"
                     f"{inc['wall_max']:.1f}) | {inc['cpu']:.1f} | {inc['peak_rss_mib']:.0f} | "
                     f"{size / inc['wall']:.0f} | **{entry['ratio']:.0%} of the full run** "
                     f"(CPU {_percent(entry.get('cpu_ratio'))}; "
                     f"{entry['labels']['incremental']}) | {_load(entry, 'incremental')} |")
    for entry in sizes:
        for kind, counts in entry.get("labels", {}).items():
            if "FAILED" in counts:
                lines += ["", f"Note: in the last {kind} run at {entry['size']:,}, {counts} "
                          "(the run report names them); the figures are of that run as it was."]
    lines += ["", "Seconds per stage (medians; from the run report's stage timings; *other* is the rest of the "
              "wall time: interpreter start and imports, Prefect flow-run set-up and teardown; labelling runs in a "
              "process of its own beside the run, so *model* is the wait for it to have loaded the model and "
              "*label* the wait for its labels beyond the normalising they overlap):", "",
              "| run | " + " | ".join((*STAGES, OTHER)) + " |", "|---|" + "---:|" * (len(STAGES) + 1)]
    for entry in sizes:
        for kind in entry["stages"]:
            lines.append(f"| {entry['size']:,} {kind} | "
                         + " | ".join(f"{entry['stages'][kind].get(s, 0.0):.1f}" for s in (*STAGES, OTHER)) + " |")
    included = sorted({e["command"] for e in sizes if e.get("command", results["command"]) != results["command"]})
    for command in included:
        lines += ["", f"\\* measured separately (too long for `make bench`): `{command}`"]
    lines += ["", "Targets (2 cores):", ""]
    lines += [f"- {line}" for line in targets(results)]
    lines += ["", "What limits it: " + limits(results), ""]
    return "\n".join(lines)


def _percent(value: float | None) -> str:
    return "?" if value is None else f"{value:.0%}"


def _load(entry: dict[str, Any], kind: str) -> str:
    load = entry.get("load", {}).get(kind)
    return "?" if load is None else f"{load:.1f}"


def _mark(entry: dict[str, Any], results: dict[str, Any]) -> str:
    return "\\*" if entry.get("command", results["command"]) != results["command"] else ""


def targets(results: dict[str, Any]) -> list[str]:
    by_size = {entry["size"]: entry for entry in results["sizes"]}
    out = []
    for size, target, figure, limit, unit in (
            (50_000, "50,000 postings end to end ≤ 5 min", "wall", TARGET_WALL_50K, "s"),
            (200_000, "peak RSS ≤ 2 GB at 200,000 postings", "peak_rss_mib", TARGET_RSS_200K, "MiB")):
        if size in by_size:
            value = by_size[size]["full"][figure]
            out.append(f"{target}: {value:.0f} {unit} — {'met' if value <= limit else 'NOT met'}")
        else:
            out.append(f"{target}: not measured in this run")
    sizes = results["sizes"]
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        growth = (last["full"]["wall"] / last["size"]) / (first["full"]["wall"] / first["size"])
        cpu_growth = (last["full"]["cpu"] / last["size"]) / (first["full"]["cpu"] / first["size"])
        out.append(f"cost linear or better in size: CPU time per posting at {last['size']:,} is {cpu_growth:.2f}× "
                   f"that at {first['size']:,} (wall time per posting {growth:.2f}×) — "
                   f"{'met' if cpu_growth <= LINEAR_SLACK else 'NOT met'} (≤ {LINEAR_SLACK:.2f}× counts as linear; "
                   "CPU, since other work on the machine inflates wall times unevenly)")
    for entry in (e for e in sizes if e["incremental"]):
        ratio, cpu_ratio = entry["ratio"], entry.get("cpu_ratio")
        cpu_verdict = ("" if cpu_ratio is None else
                       f", in CPU time {'met' if cpu_ratio <= TARGET_INCREMENTAL else 'NOT met'}")
        out.append(f"incremental run ≤ 30% of a full one at {entry['size']:,}: {ratio:.0%} of the wall time, "
                   f"{_percent(cpu_ratio)} of the CPU time — in wall time "
                   f"{'met' if ratio <= TARGET_INCREMENTAL else 'NOT met'}{cpu_verdict}; unchanged postings are not "
                   f"re-labelled ({entry['labels']['incremental']})")
    return out


def limits(results: dict[str, Any]) -> str:
    largest = results["sizes"][-1]
    stages = {stage: seconds for stage, seconds in largest["stages"]["full"].items() if stage in STAGES}
    total = sum(stages.values()) or 1.0
    slowest = max(stages, key=stages.__getitem__)
    text = (f"at {largest['size']:,} postings the slowest stage of a full run is **{slowest}** "
            f"({stages[slowest]:.0f} s, {stages[slowest] / total:.0%} of the staged time: "
            + ", ".join(f"{name} {seconds:.0f} s" for name, seconds in stages.items()) + ").")
    incremental = [e for e in results["sizes"] if e["incremental"]]
    if incremental:
        inc = {stage: seconds for stage, seconds in incremental[-1]["stages"]["incremental"].items()
               if stage in STAGES}
        inc_slowest = max(inc, key=inc.__getitem__)
        above = [f"{e['size']:,}" for e in incremental if e["ratio"] > TARGET_INCREMENTAL]
        text += (f" Of an incremental run at {incremental[-1]['size']:,}, **{inc_slowest}** "
                 f"({inc[inc_slowest]:.0f} s; " + ", ".join(f"{name} {seconds:.1f} s" for name, seconds in inc.items())
                 + "): every board is still fetched and every job read back from the raw archive and "
                 "hashed to learn what changed (half of the boards by a scanning process on the other "
                 "core, flows/scan_helper.py); only the changed ones are normalised and labelled, the "
                 "rows of the others are copied from the previous partition. What an incremental run "
                 "cannot save — the crawl, and the fixed cost of a run (*other*: interpreter start, "
                 "imports, Prefect set-up and teardown) — weighs more the smaller the run. And a full run "
                 "keeps both cores busy (the labelling process labels while the run's process normalises) "
                 "where an incremental run copies and writes its rows on one core after the shared scan, "
                 "so its share of a full run's wall time is above its share of the CPU time"
                 + (f"; its wall time stays above 30% at {', '.join(above)} postings." if above else "."))
    profile = results.get("profile") or {}
    if profile.get("top"):
        top = ", ".join(f"`{t['function']}` {t['share']:.0%}" for t in profile["top"][:5])
        stages_line = ", ".join(f"{name} {seconds:.1f} s" for name, seconds in profile["stages"].items())
        text += (f" A profile of normalising, labelling and writing one {profile['postings']:,}-posting day again "
                 f"({stages_line}) puts the most time of their own in: {top}.")
    return text


if __name__ == "__main__":
    main()
