"""Benchmark `dbt build` of every model on a national-scale synthetic council, by layer.

The input is one synthetic council the size of England (115,000 children looked after during
each year) over 10 collection years, written by `cpw synth` and loaded with `cpw load`. One
`dbt build` (seeds, models, tests, 2 threads as in profiles.yml) runs in its own process: its
wall time and peak memory are the target's figures. The lines per layer add up dbt's own
timings of each node (run_results.json) by layer; with 2 threads they sum to more than the
wall time. Target (issue 6): under 3 minutes and under 4 GB on 2 cores.
Run: .venv/bin/python bench/bench_build.py [--children 115000] [--years 10] [--data DIR]
     .venv/bin/python bench/bench_build.py --warehouse FILE   (an already-loaded warehouse: it is
     copied, never changed, and the synth and load steps are skipped)
     --by-layer: instead of one `dbt build`, one per layer in its own process (seeds, staging,
     intermediate, validation, marts, each with its tests and any ancestors not yet built), so
     that each layer's wall time and peak memory are measured on their own. Every process parses
     the project again, so the layers add up to more than the one build the target is about.
The machine's load average is printed beside the figures: on a shared machine they are only
comparable between runs at similar load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from _measure import Measurement, measure

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
_REFERENCE_SCRIPT = (
    "import sys; from pathlib import Path; from cpw.build import _refresh_reference_data; "
    "_refresh_reference_data(Path(sys.argv[1]))"
)


def _line(name: str, result: Measurement) -> str:
    failed = "" if result.returncode == 0 else f"  FAILED (exit {result.returncode})"
    return f"{name:30} wall {result.wall_seconds:7.1f} s  peak {result.peak_rss_mb:7.0f} MB{failed}"


def _layer(node: dict[str, object]) -> str:
    unique_id = str(node["unique_id"])
    kind = unique_id.split(".")[0]
    if kind != "model":
        return {"seed": "seeds", "test": "data tests"}.get(kind, kind)
    name = unique_id.split(".")[-1]
    if name.startswith("int_validation") or name == "fct_validation_errors":
        return "validation"
    for prefix, layer in (("stg_", "staging"), ("int_", "intermediate")):
        if name.startswith(prefix):
            return layer
    return "marts"


def _by_layer(run_results: Path) -> dict[str, tuple[float, int, str]]:
    """Seconds summed per layer, node count and the slowest node of each layer."""
    seconds: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)
    slowest: dict[str, tuple[float, str]] = {}
    for node in json.loads(run_results.read_text())["results"]:
        layer = _layer(node)
        elapsed = float(node["execution_time"])
        seconds[layer] += elapsed
        counts[layer] += 1
        if elapsed > slowest.get(layer, (0.0, ""))[0]:
            slowest[layer] = (elapsed, str(node["unique_id"]).split(".")[-1])
    return {k: (seconds[k], counts[k], f"{slowest[k][1]} {slowest[k][0]:.1f} s") for k in seconds}


def _slowest(run_results: Path, count: int) -> list[str]:
    nodes = json.loads(run_results.read_text())["results"]
    nodes.sort(key=lambda node: -float(node["execution_time"]))
    return [
        f"    {float(node['execution_time']):6.1f} s  {_node_name(str(node['unique_id']))}"
        for node in nodes[:count]
    ]


def _node_name(unique_id: str) -> str:
    # a test's id ends in a hash after its name
    parts = unique_id.split(".")
    return parts[2] if parts[0] == "test" else parts[-1]


def _children_cpu_seconds() -> float:
    times = os.times()
    return times.children_user + times.children_system


def _load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f} {five:.2f} {fifteen:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=115_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--data", type=Path, help="reuse (or keep) the synthetic input here")
    parser.add_argument(
        "--warehouse", type=Path, help="an already-loaded warehouse to copy (skips synth and load)"
    )
    parser.add_argument(
        "--run-results", type=Path, help="keep dbt's run_results.json (every node's timing) here"
    )
    parser.add_argument(
        "--by-layer", action="store_true", help="one dbt build per layer, each measured alone"
    )
    args = parser.parse_args()
    print(f"before: {_load_average()}", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        warehouse = work / "cpw.duckdb"
        if args.warehouse:
            # a copy, without any write-ahead log left beside it, so the input stays as it was
            shutil.copyfile(args.warehouse, warehouse)
            print(f"warehouse copied from {args.warehouse}", flush=True)
        else:
            _synth_and_load(args, work, warehouse)
        if args.by_layer:
            _build_by_layer(warehouse, work)
        else:
            _build(warehouse, work, args.run_results)


def _synth_and_load(args: argparse.Namespace, work: Path, warehouse: Path) -> None:
    data = args.data or work / "input"
    if not (data.exists() and any(data.iterdir())):
        # a child process keeps this one small: a forked child starts with its parent's
        # peak memory as its own
        synth = measure(
            [str(BIN / "cpw"), "synth", "--out", str(data), "--children", str(args.children)]
            + ["--years", str(args.years), "--seed", "11", "--real-postcodes"]
        )
        print(_line("cpw synth (input)", synth), flush=True)
    load = measure([str(BIN / "cpw"), "load", "--input", str(data), "--warehouse", str(warehouse)])
    print(_line("cpw load (input)", load), flush=True)
    print(f"warehouse after load: {warehouse.stat().st_size / 1e6:,.0f} MB", flush=True)


# Each layer's selector; a layer also takes the ancestors no earlier layer built (dim_date, a
# mart, is read by intermediate models) and, with indirect selection "buildable", the tests
# whose parents are all built by then.
LAYERS = (
    ("seeds", "resource_type:seed"),
    ("staging", "+path:models/staging"),
    ("intermediate", "+path:models/intermediate"),
    ("validation", "+path:models/validation"),
    ("marts", "+path:models/marts"),
)


def _dbt_build_command(target: Path, *selection: str) -> list[str]:
    return [
        str(BIN / "dbt"),
        "build",
        *("--project-dir", str(ROOT), "--profiles-dir", str(ROOT)),
        *("--target-path", str(target), "--log-path", str(target / "logs")),
        *selection,
    ]


def _reference_data(warehouse: Path) -> Measurement:
    # the reference data (postcode centroids) `cpw build` copies in before dbt runs
    reference = measure([str(BIN / "python"), "-c", _REFERENCE_SCRIPT, str(warehouse)])
    print(_line("postcode centroids", reference), flush=True)
    return reference


def _dbt_env(warehouse: Path) -> dict[str, str]:
    return {"CPW_WAREHOUSE": str(warehouse), "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}


def _build_by_layer(warehouse: Path, work: Path) -> None:
    _reference_data(warehouse)
    env = _dbt_env(warehouse)
    built: list[str] = []
    totals: dict[str, int] = defaultdict(int)
    for name, selector in LAYERS:
        target = work / f"target_{name}"
        selection = ["--select", selector, "--indirect-selection", "buildable"]
        if built:
            selection += ["--exclude", *built]
        cpu_before = _children_cpu_seconds()
        result = measure(_dbt_build_command(target, *selection), env=env)
        cpu = _children_cpu_seconds() - cpu_before
        counts: dict[str, int] = defaultdict(int)
        results = target / "run_results.json"
        if results.exists():
            for node in json.loads(results.read_text())["results"]:
                counts[str(node["unique_id"]).split(".")[0]] += 1
        for kind, count in counts.items():
            totals[kind] += count
        nodes = ", ".join(f"{count} {kind}s" for kind, count in sorted(counts.items()))
        print(f"{_line('layer ' + name, result)}  CPU {cpu:6.1f} s  ({nodes})", flush=True)
        built.append(selector)
    print("nodes in all: " + ", ".join(f"{n} {kind}s" for kind, n in sorted(totals.items())))
    print(f"after: {_load_average()}", flush=True)


def _build(warehouse: Path, work: Path, keep_results: Path | None = None) -> None:
    reference = _reference_data(warehouse)
    target = work / "target"
    # CPU seconds of the finished (waited-for) children: steadier than wall time when other
    # work shares the cores
    cpu_before = _children_cpu_seconds()
    build = measure(_dbt_build_command(target), env=_dbt_env(warehouse))
    print(_line("dbt build (all)", build), flush=True)
    print(f"  dbt build CPU time {_children_cpu_seconds() - cpu_before:7.1f} s", flush=True)
    results = target / "run_results.json"
    if results.exists() and keep_results:
        shutil.copyfile(results, keep_results)
    if results.exists():
        for layer, (seconds, count, slowest) in sorted(_by_layer(results).items()):
            print(f"  {layer:28} {seconds:7.1f} s over {count:4} nodes; slowest {slowest}")
        print("  slowest nodes:")
        print("\n".join(_slowest(results, 12)))
    if build.returncode != 0:
        log = (target / "logs" / "dbt.log").read_text().splitlines()
        print("\n".join(line for line in log if "ERROR" in line or "FAIL" in line)[-3000:])
    total = reference.wall_seconds + build.wall_seconds
    peak = max(reference.peak_rss_mb, build.peak_rss_mb)
    print(f"{'cpw build (reference + dbt)':30} wall {total:7.1f} s  peak {peak:7.0f} MB")
    print(f"cpus: {os.cpu_count()}  target: under 180 s and 4,096 MB", flush=True)
    print(f"after: {_load_average()}", flush=True)


if __name__ == "__main__":
    main()
