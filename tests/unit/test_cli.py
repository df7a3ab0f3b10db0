"""The `cpw` command: every command explains itself, and bad input gives one line and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cpw.cli import EXIT_BAD_INPUT, app

COMMANDS = ["synth", "load", "build", "check", "report", "serve", "demo"]
runner = CliRunner()


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output and len(result.output.split()) > 20


def test_load_without_a_year_exits_2_with_the_folder_named(tmp_path: Path) -> None:
    (tmp_path / "returns").mkdir()
    (tmp_path / "returns" / "reviews.csv").write_text("CHILD,DOB,REVIEW,REVIEW_CODE\n")
    result = runner.invoke(
        app,
        ["load", "--input", str(tmp_path / "returns"), "--warehouse", str(tmp_path / "wh.duckdb")],
    )
    assert result.exit_code == EXIT_BAD_INPUT
    assert "returns" in result.stderr and "collection year" in result.stderr
    assert not (tmp_path / "wh.duckdb").exists()


def test_build_without_a_warehouse_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["build", "--warehouse", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == EXIT_BAD_INPUT
    assert "run `cpw load` first" in result.stderr
