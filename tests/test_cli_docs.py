"""Every command is documented in docs/cli.md, and the CLI answers as documented."""

from __future__ import annotations

import click
from click.testing import CliRunner

from sleuth.cli import main
from tests.conftest import REPO


def _commands() -> dict[str, click.Command]:
    """Every command by its full name, the commands of a group (`sleuth user add`) included."""
    out: dict[str, click.Command] = {}
    for name, command in main.commands.items():
        if isinstance(command, click.Group):
            out.update({f"{name} {sub}": c for sub, c in command.commands.items()})
        else:
            out[name] = command
    return out


def test_every_command_is_documented() -> None:
    doc = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")
    missing = [name for name in _commands() if f"## `sleuth {name}" not in doc]
    assert not missing, f"commands missing from docs/cli.md: {missing}"


def test_every_command_has_json_and_silent() -> None:
    for name, command in _commands().items():
        opts = {o for p in command.params for o in getattr(p, "opts", [])}
        assert {"--json", "--silent"} <= opts, name


def test_opening_a_missing_case_says_how_to_make_one(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["status", "--case", str(tmp_path / "nope")])
    assert result.exit_code == 2
    assert "is not a Sleuth case" in result.output and "sleuth init" in result.output


def test_unknown_command_is_a_usage_error() -> None:
    assert CliRunner().invoke(main, ["frobnicate"]).exit_code == 2
