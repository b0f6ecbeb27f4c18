"""The Typer app, the consoles and the options every command shares (``--store``)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from ..policy import PolicyError, Readings, policy
from ..store import OxigraphStore, StoreError, default_store_path

app = typer.Typer(
    name="parkstar",
    help="浙江省制造业高质量发展示范园区（星级园区）知识图谱与政策推理 / "
    "Zhejiang star-park knowledge graph and policy reasoner.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
# Rich falls back to 80 columns when output goes to a file or a pipe (make demo's log, CI), which squeezes the Chinese
# tables into one character per line; a terminal or an explicit COLUMNS decides for itself.
PIPED_WIDTH = 140
console = Console(width=None if sys.stdout.isatty() or "COLUMNS" in os.environ else PIPED_WIDTH)
err_console = Console(stderr=True)

EXIT_OK, EXIT_INVALID, EXIT_ERROR = 0, 1, 2

StoreOption = Annotated[
    Path | None,
    typer.Option("--store", envvar="PARKSTAR_STORE", show_envvar=True,
                 help="数据存储目录（默认 ~/.local/share/parkstar/store）/ store folder"),
]


def fail(message: str, code: int = EXIT_ERROR) -> NoReturn:
    """Print an error to stderr and exit with ``code``."""
    err_console.print(f"[bold red]错误 / error:[/] {message}")
    raise typer.Exit(code)


def parse_as_of(text: str | None) -> dt.date | None:
    """The ``--as-of`` option as a date (None when not given); a malformed one ends with exit code 2."""
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        fail(f"--as-of 应为 YYYY-MM-DD / --as-of must be YYYY-MM-DD: {text}")


ReadingOption = Annotated[list[str] | None, typer.Option(
    "--reading", "-r", metavar="KEY=VALUE",
    help="选用非默认解读（可重复；parkstar readings 列出全部）/ choose a reading's alternative (repeatable)")]


def parse_readings(values: list[str] | None) -> Readings:
    """The ``--reading`` options as a choice of readings; an unknown reading or alternative ends with exit code 2
    and the list of what can be chosen."""
    try:
        return policy().choose(values or [])
    except PolicyError as e:
        fail(f"{e}（parkstar readings 列出全部解读与选项）")


@contextmanager
def open_store(path: Path | None) -> Iterator[OxigraphStore]:
    """Open the on-disk store (creating it on first use), turning failures into exit code 2."""
    try:
        store = OxigraphStore(path or default_store_path())
    except StoreError as e:
        fail(str(e))
    try:
        yield store
    finally:
        if store.removing:  # the prompt would otherwise seem to hang while old graph versions are deleted
            with err_console.status("正在删除被替换的旧版本数据 / removing replaced versions of the data…"):
                store.close()
        else:
            store.close()
