"""Agreement and speed of cpw's 903 validation rules against the DfE validator.

Runs the DfE validator (`csc-validator-be-903`, in its own virtualenv, set up if missing) and
cpw's rules (`fct_validation_errors`) on the same returns: the validator's own fake set (as
2017-18, ruleset lac2022_23) and a synthetic council with injected errors (last year, with the
previous year's return). Prints per rule: children flagged by each, agreement over (child,
rule) pairs; and the time of the rule checks on each side, run as each tool runs them (the
validator's own run of the same rules; cpw's validation models as dbt builds them), without
reading the files, which both do before.

Targets (issue 8): agreement >= 99.5 % for every rule cpw implements; cpw >= 10x faster.
Run: .venv/bin/python bench/bench_validator.py [--children 2000]
This file also runs inside the validator's venv (`--as-validator`); its top level uses only
the standard library for that reason.
"""

from __future__ import annotations

import argparse
import csv
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FAKE = ROOT.parent / "shared" / "samples" / "ssda903_validator_fake"
VALIDATOR_VENV = Path("/work/validator-venv")
VALIDATOR_PYTHON = VALIDATOR_VENV / "bin" / "python"
RULES_SEED = ROOT / "seeds" / "validation" / "validation_rules.csv"
VALIDATION_MODELS = (
    "int_validation_children",
    "int_validation__episodes",
    "int_validation__header",
    "int_validation__outcomes",
    "int_validation__adoption",
    "int_validation__linked_tables",
    "fct_validation_errors",
)


# --- inside the validator's venv -------------------------------------------------------------
def run_validator(folder: str, previous: str, collection_year: int, out: str) -> None:
    """Run the DfE validator's rules that cpw implements: write the (child, rule) pairs each
    flags, and the time of the validator's own run of those rules."""
    import copy
    import importlib
    import logging

    logging.disable(logging.CRITICAL)
    from lac_validator.datastore import create_datastore
    from lac_validator.ingress import read_from_text
    from lac_validator.utils import process_uploaded_files

    codes = {row["rule_code"] for row in csv.DictReader(open(RULES_SEED))}
    ruleset = f"lac{max(collection_year, 2023) - 1}_{str(max(collection_year, 2023))[2:]}"
    registry = importlib.import_module(f"lac_validator.rules.{ruleset}").registry
    selected = [code for code in registry if code in codes]
    files = {"This year": sorted(str(p) for p in Path(folder).glob("*.csv"))}
    if previous:
        files["Prev year"] = sorted(str(p) for p in Path(previous).glob("*.csv"))
    metadata = {"collectionYear": str(collection_year), "localAuthority": "E06000015"}
    dfs, extra = read_from_text(raw_files=process_uploaded_files(files))
    store = create_datastore(dfs, {**metadata, **extra})
    flagged: list[tuple[str, str]] = []
    for code in selected:
        # A deep copy per rule: the validator's own copy_datastore is shallow, so a rule that
        # converts a column in place changes what later rules see (rule 388 flags 21 rows run
        # alone on the fake set and 1,081 after the rules before it).
        try:
            result = registry[code].func(copy.deepcopy(store))
        except Exception:  # a rule that cannot run on these data flags nothing
            result = {}
        for table, rows in result.items():
            frame = store[table]
            for row in rows:
                if row == row and row in frame.index:  # skip NaN locations
                    flagged.append((str(frame.loc[row, "CHILD"]), code))
    seconds, cpu_seconds = validator_run_seconds(files, metadata, registry, selected)
    Path(out).write_text(
        json.dumps(
            {"seconds": seconds, "cpu_seconds": cpu_seconds, "ruleset": ruleset, "flags": flagged}
        )
    )


def validator_run_seconds(
    files: dict[str, list[str]], metadata: dict[str, str], registry: Any, selected: list[str]
) -> tuple[float, float]:
    """Wall and CPU seconds of the validator's own run of the selected rules (`LacValidator`,
    as its CLI and web front end run them): for each rule a copy of the data, the check, and
    the flags written into its results tables, as cpw's time includes writing its results.
    Reading the files and building the data store are timed apart and left out, as cpw's
    load and staging are. The median of three runs."""
    from lac_validator import lac_validator as engine
    from lac_validator.utils import process_uploaded_files

    setup = [0.0, 0.0]

    def timed_apart(function: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            started, cpu_started = time.perf_counter(), time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                setup[0] += time.perf_counter() - started
                setup[1] += time.process_time() - cpu_started

        return wrapper

    engine.read_from_text = timed_apart(engine.read_from_text)
    engine.create_datastore = timed_apart(engine.create_datastore)
    walls, cpus = [], []
    for _ in range(3):
        uploaded = process_uploaded_files(files)
        setup[:] = [0.0, 0.0]
        started, cpu_started = time.perf_counter(), time.process_time()
        engine.LacValidator(dict(metadata), uploaded, registry, selected)
        walls.append(time.perf_counter() - started - setup[0])
        cpus.append(time.process_time() - cpu_started - setup[1])
    return sorted(walls)[1], sorted(cpus)[1]


# --- cpw side --------------------------------------------------------------------------------
def ensure_validator() -> None:
    """Create the validator's own venv (it pins pandas<2 and needs pytest to import)."""
    if VALIDATOR_PYTHON.exists():
        return
    subprocess.run([sys.executable, "-m", "venv", str(VALIDATOR_VENV)], check=True)
    pip = str(VALIDATOR_VENV / "bin" / "pip")
    subprocess.run([pip, "install", "-q", "csc-validator-be-903", "pytest"], check=True)


def validator_flags(folder: Path, previous: Path | None, year: int) -> dict[str, Any]:
    """Run this file in the validator's venv and read what it flagged."""
    with tempfile.NamedTemporaryFile(suffix=".json") as out:
        subprocess.run(
            [
                str(VALIDATOR_PYTHON),
                __file__,
                "--as-validator",
                str(folder),
                str(previous or ""),
                str(year),
                out.name,
            ],
            check=True,
        )
        return json.loads(Path(out.name).read_text())  # type: ignore[no-any-return]


def cpw_build(input_dir: Path, workdir: Path, year: str | None) -> Path:
    """Load and build a warehouse with the real loader and `dbt build`."""
    from cpw.build import run_dbt
    from cpw.ingest import load_folder

    warehouse = workdir / "cpw.duckdb"
    load_folder(input_dir, warehouse, year=year) if year else load_folder(input_dir, warehouse)
    run_dbt(warehouse, target_path=workdir / "target")
    return warehouse


def dbt_profile() -> tuple[int, dict[str, Any]]:
    """How many models dbt builds at once, and the DuckDB settings it opens the warehouse
    with (`profiles.yml`): the replay below runs the models as `cpw build` does."""
    import yaml

    profile = yaml.safe_load((ROOT / "profiles.yml").read_text())
    output = profile["cpw"]["outputs"][profile["cpw"]["target"]]
    return int(output["threads"]), dict(output.get("settings", {}))


def validation_layers(manifest_path: Path) -> list[list[str]]:
    """The validation models in the order dbt can run them: each layer's models depend only
    on earlier layers (from the build's manifest), so a layer's models run at once."""
    manifest = json.loads(manifest_path.read_text())
    parents = {
        node["name"]: {p.rsplit(".", 1)[-1] for p in node["depends_on"]["nodes"]}
        & set(VALIDATION_MODELS)
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model" and node["name"] in VALIDATION_MODELS
    }
    layers: list[list[str]] = []
    done: set[str] = set()
    while len(done) < len(parents):
        layer = sorted(m for m in parents if m not in done and parents[m] <= done)
        layers.append(layer)
        done |= set(layer)
    return layers


def cpw_rule_seconds(warehouse: Path, workdir: Path) -> tuple[float, float, int]:
    """Wall and CPU seconds of the validation models alone, and how many ran at once.

    Their compiled SQL is re-run as dbt runs it in `cpw build`: with the profile's DuckDB
    settings, layer by layer, the models of a layer on as many connections as the profile's
    `threads` (the five rule families depend only on `int_validation_children`). The median of
    nine runs: a run takes about a third of a second, so one slow moment on a shared machine
    should not decide the ratio. CPU time counts DuckDB's threads too; the validator uses one
    core."""
    from concurrent.futures import ThreadPoolExecutor

    import duckdb

    compiled = workdir / "target" / "compiled" / "cpw" / "models"
    sql = {p.stem: p.read_text() for p in compiled.rglob("*.sql") if p.stem in VALIDATION_MODELS}
    schema = {m: "marts" if m.startswith("fct_") else "validation" for m in VALIDATION_MODELS}
    layers = validation_layers(workdir / "target" / "manifest.json")
    threads, settings = dbt_profile()
    con = duckdb.connect(str(warehouse))
    con.execute("set enable_progress_bar=false")
    for name, value in settings.items():
        # the file's storage format is fixed when it is created (cpw load), as under dbt
        if name != "storage_compatibility_version":
            text = str(value).lower() if isinstance(value, bool) else str(value)
            con.execute(f"set {name} = '{text}'")

    def build(model: str) -> None:
        cursor = con.cursor()
        cursor.execute(f"create or replace table {schema[model]}.{model} as {sql[model]}")
        cursor.close()

    walls, cpus = [], []
    with ThreadPoolExecutor(max_workers=threads) as pool:
        for _ in range(9):
            started, cpu_started = time.perf_counter(), time.process_time()
            for layer in layers:
                list(pool.map(build, layer))
            walls.append(time.perf_counter() - started)
            cpus.append(time.process_time() - cpu_started)
    con.close()
    return sorted(walls)[4], sorted(cpus)[4], threads


def cpw_flags(warehouse: Path, year: int) -> tuple[set[tuple[str, str]], set[str]]:
    """(child, rule) pairs cpw flags in a year, and every child in that year's return."""
    import duckdb

    con = duckdb.connect(str(warehouse), read_only=True)
    pairs = set(
        con.execute(
            "select distinct child_id, rule_code from marts.fct_validation_errors "
            "where collection_year = ?",
            [year],
        ).fetchall()
    )
    tables = [
        "header",
        "episodes",
        "uasc",
        "reviews",
        "oc2",
        "oc3",
        "ad1",
        "placed_adoption",
        "prev_perm",
        "missing",
    ]
    children = set()
    for table in tables:
        children |= {
            r[0]
            for r in con.execute(
                f"select distinct trim(child) from raw.{table} where _collection_year = ?", [year]
            ).fetchall()
        }
    con.close()
    return pairs, children


def compare(
    name: str, warehouse: Path, workdir: Path, folder: Path, previous: Path | None, year: int
) -> list[tuple[str, float]]:
    """Print the per-rule table for one data set; return (rule, agreement) pairs."""
    validator = validator_flags(folder, previous, year)
    theirs = {(c, r) for c, r in validator["flags"]}
    ours, children = cpw_flags(warehouse, year)
    children |= {c for c, _ in theirs}
    rules = sorted({row["rule_code"] for row in csv.DictReader(open(RULES_SEED))})
    active = {
        row["rule_code"]
        for row in csv.DictReader(open(RULES_SEED))
        if int(row["first_year"]) <= year <= int(row["last_year"])
    }
    ran = {r for r in rules if r in active}
    seconds, cpu_seconds, threads = cpw_rule_seconds(warehouse, workdir)
    print(
        f"\n== {name}: collection year {year}, {len(children)} children, "
        f"validator ruleset {validator['ruleset']}, {len(ran)} rules"
    )
    print(
        f"{'rule':8} {'DfE':>6} {'cpw':>6} {'both':>6} {'DfE only':>9} {'cpw only':>9} "
        f"{'agreement':>10}"
    )
    results = []
    for rule in sorted(ran):
        a = {c for c, r in theirs if r == rule}
        b = {c for c, r in ours if r == rule}
        agreement = 100 * (1 - len(a ^ b) / max(len(children), 1))
        results.append((rule, agreement))
        if a or b:
            print(
                f"{rule:8} {len(a):6} {len(b):6} {len(a & b):6} {len(a - b):9} {len(b - a):9} "
                f"{agreement:9.2f}%"
            )
    quiet = sum(1 for rule in ran if not any(r == rule for _, r in theirs | ours))
    pairs = len(children) * len(ran)
    wrong = sum(
        len({c for c, r in theirs if r == rule} ^ {c for c, r in ours if r == rule}) for rule in ran
    )
    print(f"{quiet} rules flag nothing on either side")
    print(
        f"overall agreement {100 * (1 - wrong / max(pairs, 1)):.3f}% of {pairs:,} "
        f"(child, rule) pairs; rules under 99.5%: "
        f"{[r for r, a in results if a < 99.5] or 'none'}"
    )
    theirs_wall, theirs_cpu = validator["seconds"], validator["cpu_seconds"]
    print(
        f"time of the rule checks: DfE validator {theirs_wall:.2f} s wall, {theirs_cpu:.2f} s CPU;"
        f" cpw {seconds:.2f} s wall, {cpu_seconds:.2f} s CPU ({threads} models at once, as dbt);"
        f" ratio {theirs_wall / seconds:.1f}x"
        f" wall, {theirs_cpu / cpu_seconds:.1f}x CPU"
    )
    return results


def main() -> None:
    """Both data sets, one after the other."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--children", type=int, default=2000)
    args = parser.parse_args()
    ensure_validator()
    from cpw.synth import generate_council

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        fake_input = work / "fake_input"
        fake_input.mkdir()
        for path in FAKE.glob("*.csv"):
            (fake_input / path.name).write_bytes(path.read_bytes())
        (work / "fake").mkdir()
        warehouse = cpw_build(fake_input, work / "fake", "2017-18")
        compare("DfE validator fake set", warehouse, work / "fake", fake_input, None, 2018)

        synth = work / "synth_input"
        generate_council(synth, children=args.children, years=2, seed=8, inject_errors=True)
        (work / "synth").mkdir()
        warehouse = cpw_build(synth, work / "synth", None)
        compare(
            "synthetic council with injected errors",
            warehouse,
            work / "synth",
            synth / "2024-25",
            synth / "2023-24",
            2025,
        )


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--as-validator":
        run_validator(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    else:
        main()
