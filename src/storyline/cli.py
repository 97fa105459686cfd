"""The `storyline` command: a thin layer that parses options and calls the Python API."""

from __future__ import annotations

import datetime
import json
import os
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

import click

from storyline.api import ExportFormat, load
from storyline.build import BuildReport, build
from storyline.export import show
from storyline.options import (
    BUILD,
    CHOICES,
    LIMITS,
    LOAD,
    OPTION_FIELDS,
    SERVE,
    ConfigError,
    Options,
    config_file,
)
from storyline.pipeline.nlp.annotate import ModelNotInstalled
from storyline.pipeline.nlp.timex import tag
from storyline.settings import differences, layered, recorded, settings_of
from storyline.store import StoreError, is_server_url, shown
from storyline.version import __version__

# Exit codes, shown in `storyline build --help`.
EXIT_OK = 0
EXIT_NOTHING_BUILT = 1
EXIT_USAGE = 2  # click's own code for bad arguments
EXIT_HARD_ERROR = 3
EXIT_INTERRUPTED = 130

db_option = click.option(
    "--db",
    default="storyline.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The store: a SQLite file, or a postgresql://user:password@host/dbname address.",
)
config_option = click.option(
    "--config",
    "config",
    type=click.Path(dir_okay=False, exists=True),
    default=None,
    help="Config file of settings (TOML, option names as keys); default: storyline.toml, or "
    "[tool.storyline] in pyproject.toml, in the current folder.",
)


def option_flags(command: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The flags of every `Options` field `command` takes, derived from the field: its
    name, type, range, choices and help. A flag not given is None, so that the config file
    and the store's recorded settings show through."""

    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        for name, spec in reversed(OPTION_FIELDS.items()):
            if command not in spec.metadata["commands"]:
                continue
            default = spec.default
            help_text = spec.metadata["help"] + (
                f" [default: {default}]" if default is not None else ""
            )
            fn = click.option(
                "--" + name.replace("_", "-"),
                name,
                default=None,
                type=_click_type(name, default),
                help=help_text,
            )(fn)
        return fn

    return decorate


def _click_type(name: str, default: Any) -> Any:
    if name in CHOICES:
        return click.Choice(CHOICES[name])
    low, high = LIMITS.get(name, (None, None))
    if isinstance(default, bool) or default is None or isinstance(default, str):
        return str
    if isinstance(default, int):
        whole = [None if bound is None else int(bound) for bound in (low, high)]
        return click.IntRange(min=whole[0], max=whole[1])
    return click.FloatRange(min=low, max=high)


def resolved_options(
    db: str, config: str | None, given: dict[str, Any]
) -> tuple[Options, list[str]]:
    """The options a command runs with (defaults, the store's record, the config file, the
    flags given), and the settings in which they differ from the store's record."""
    values = {name: value for name, value in given.items() if value is not None}
    path = Path(config) if config else config_file()
    recorded = _recorded(db)
    try:
        options = layered(recorded, path, values)
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc
    key = os.environ.get("STORYLINE_API_KEY")  # read here, at the edge only
    options = replace(options, summary_api_key=key) if key else options
    return options, differences(recorded, settings_of(options))


def _recorded(db: str) -> dict[str, Any]:
    """The settings the store recorded (none for a store not built yet)."""
    try:
        return recorded(db)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_HARD_ERROR)


def _warn(differ: list[str]) -> None:
    for line in differ:
        click.echo(f"warning: {line}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="storyline")
def main() -> None:
    """Turn a pile of news coverage of one evolving story into a sourced dossier.

    \b
    Example:
      storyline build examples/corpus --db storyline.db
      storyline export --db storyline.db --format md --out dossier.md
    """


@main.command("build")
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@db_option
@config_option
@click.option(
    "--shards",
    type=click.Path(file_okay=False),
    default=None,
    help="Write processed batches as Parquet shards into this folder instead of the store "
    "(for a cluster without database access); bring them in with `storyline load`.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line and errors.")
@option_flags(BUILD)
def build_command(
    inputs: tuple[str, ...],
    db: str,
    config: str | None,
    shards: str | None,
    quiet: bool,
    **given: Any,
) -> None:
    """Ingest files and folders into the store and run the whole pipeline.

    INPUTS are files or folders (read recursively): .txt, .html/.htm, .warc/.warc.gz, and
    .jsonl with one article per line (fields `text` or `html`, optional url, title,
    published, site, author). Re-running with the same inputs changes nothing: articles are
    identified by a hash of their raw content. A file that cannot be read is reported with
    its path and the reason, and the rest is built. Settings come from the flags, then a
    config file, then the store's first build, then the defaults; a setting that differs
    from the store's first build is warned about.

    \b
    Exit status:
      0    the build ran; some inputs may have been reported and skipped
      1    nothing could be built: no input gave an article
      2    bad command-line usage
      3    hard error: the store cannot be opened or written, the spaCy model is
           missing, or the story stage failed on a story (it names the story and the
           step; the other stories are kept, and the next build places its articles)
      130  interrupted (Ctrl-C); every batch committed before is kept

    \b
    Example:
      storyline build examples/corpus ../more-articles.jsonl --db storyline.db
      storyline build crawl/ --executor processes --workers 4
    """
    if given.get("scheduler") and given.get("executor") != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    options, _ = resolved_options(db, config, given)
    report = BuildReport(db=shown(db))
    try:
        with _progress(enabled=not quiet and sys.stderr.isatty()) as advance:
            report = build(
                inputs,
                db=db,
                options=options,
                progress=advance,
                shards=Path(shards) if shards else None,
            )
    except KeyboardInterrupt:
        click.echo("\ninterrupted: batches committed so far are kept; re-run to continue", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except (StoreError, ModelNotInstalled) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_HARD_ERROR)
    _print_report(report, quiet)
    sys.exit(_exit_status(report))


def _exit_status(report: BuildReport) -> int:
    if report.failed:
        return EXIT_HARD_ERROR
    return EXIT_NOTHING_BUILT if report.nothing_built else EXIT_OK


def _print_report(report: BuildReport, quiet: bool = False) -> None:
    _warn(report.warnings)
    for problem in report.problems:
        step = f" ({problem.step})" if problem.step else ""
        click.echo(f"skipped {problem.source}{step}: {problem.reason}", err=True)
    if not quiet and (report.steps or report.story_steps):
        for line in report.step_lines():
            click.echo(line, err=True)
    click.echo(report.summary(), err=True)


class _progress:
    """A rich progress counter on stderr when it is a terminal; a no-op otherwise."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None  # a rich Progress, imported only when shown

    def __enter__(self) -> Callable[[int], None] | None:
        if not self.enabled:
            return None
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        bar = self.bar = Progress(
            TextColumn("building"),
            BarColumn(),
            TextColumn("{task.completed} articles"),
            TimeElapsedColumn(),
            transient=True,
        )
        bar.start()
        task = bar.add_task("build", total=None)
        return lambda n: bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@main.command("load")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
@config_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line and errors.")
@option_flags(LOAD)
def load_command(folder: str, db: str, config: str | None, quiet: bool, **given: Any) -> None:
    """Bring Parquet shards written by `storyline build --shards` into the store.

    Near-duplicates, storage and the story stage run as in a build; no NLP is needed.
    Loading the same shards again adds nothing. Exit status as for `build`.

    \b
    Example:
      storyline build crawl/ --executor dask --scheduler tcp://host:8786 --shards shards/
      storyline load shards/ --db storyline.db
    """
    from storyline.build import load_shards

    options, _ = resolved_options(db, config, given)
    report = BuildReport(db=shown(db))
    try:
        with _progress(enabled=not quiet and sys.stderr.isatty()) as advance:
            report = load_shards(Path(folder), db=db, options=options, progress=advance)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: shards loaded so far are kept; re-run to continue", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_HARD_ERROR)
    _print_report(report, quiet)
    sys.exit(_exit_status(report))


@main.command("export")
@db_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "md", "timelinejs", "parquet", "csv"]),
    default="json",
    show_default=True,
    help="json follows dossier.schema.json; md is a readable report; timelinejs is Knight "
    "Lab TimelineJS JSON; parquet and csv write one table each for articles, actors, "
    "quotes, figures, events and timeline into the --out folder.",
)
@click.option(
    "--out",
    type=click.Path(),
    help="Write here instead of standard output (a folder for parquet and csv).",
)
def export_command(db: str, fmt: str, out: str | None) -> None:
    """Write the dossier of a built store as JSON, Markdown, TimelineJS or tables.

    \b
    Example:
      storyline export --db storyline.db --format json --out dossier.json
      storyline export --db storyline.db --format parquet --out tables/
    """
    if fmt in {"parquet", "csv"} and not out:
        raise click.UsageError(f"--format {fmt} writes a folder of tables: give --out DIR")
    try:
        with load(db) as corpus:
            dossier = corpus.dossier()
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_HARD_ERROR)
    if fmt in {"parquet", "csv"}:
        from storyline.export.tables import TableFormat, write_tables

        for path in write_tables(dossier.data, Path(out or "."), cast(TableFormat, fmt)):
            click.echo(f"wrote {path}", err=True)
    elif out:
        path = dossier.write(Path(out), cast(ExportFormat, fmt))
        click.echo(f"wrote {path}", err=True)
    else:
        click.echo(dossier.render(cast(ExportFormat, fmt)), nl=False)


@main.command("timex")
@click.option(
    "--dct",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Document creation time: the date relative expressions count from.",
)
def timex_command(dct: datetime.datetime) -> None:
    """Tag temporal expressions in text read on standard input.

    Writes one JSON object per expression: {"start", "end", "text", "type", "value"}, with
    character offsets into the input and TIMEX3 types (DATE, TIME, DURATION, SET) and values
    normalized against --dct.

    \b
    Example:
      echo "Kerry will meet Lavrov on Monday." | storyline timex --dct 2014-01-10
    """
    text = sys.stdin.read()
    for found in tag(text, dct.date()):
        record = {
            "start": found.start,
            "end": found.end,
            "text": found.text,
            "type": found.type,
            "value": found.value,
        }
        click.echo(json.dumps(record, ensure_ascii=False))


@main.command("show")
@click.argument("article_id", required=False)
@db_option
@click.option("--rejected", is_flag=True, help="List the inputs builds rejected, latest first.")
@click.option("--builds", is_flag=True, help="List the builds, each step with its counts.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100_000))
def show_command(article_id: str | None, db: str, rejected: bool, builds: bool, limit: int) -> None:
    """Print one article with the pieces removed from its clean text marked in place; or
    the inputs builds rejected (--rejected), or the build log (--builds).

    ARTICLE_ID is an article id or an unambiguous prefix of one (ids are in the export).
    Removed pieces are printed as `[- reason: text -]`, dimmed on a terminal.

    \b
    Example:
      storyline show 2554a290 --db storyline.db
      storyline show --rejected --db storyline.db
    """
    if (article_id is None) == (not (rejected or builds)) or (rejected and builds):
        raise click.UsageError("give an ARTICLE_ID, or one of --rejected and --builds")
    try:
        with load(db) as corpus:
            read = corpus.store.read
            if rejected:
                _print_rejected(read.rejected(limit).items)
                return
            if builds:
                _print_builds(read.builds(limit).items)
                return
            article = read.article(article_id or "")
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_HARD_ERROR)
    if article is None:
        click.echo(f"error: no single article with id (prefix) {article_id!r}", err=True)
        sys.exit(EXIT_NOTHING_BUILT)
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False, soft_wrap=True)
    for line in show.header(article):
        console.print(Text(line, style="bold"))
    console.print()
    for text, reason in show.segments(article):
        if reason is None:
            console.print(Text(text), end="")
        else:
            marked = text.replace("\n", " / ")
            console.print(Text(f"\n[- {reason}: {marked} -]\n", style="dim red"), end="")
    console.print()


def _print_rejected(items: list[dict]) -> None:
    if not items:
        click.echo("no input was rejected")
    for item in items:
        click.echo(
            f"build {item['build']} ({item['started']}) {item['source']} "
            f"[{item['step'] or '?'}]: {item['reason']}"
        )


def _print_builds(items: list[dict]) -> None:
    if not items:
        click.echo("no build yet")
    for item in items:
        state = " (interrupted)" if item["interrupted"] else ""
        click.echo(
            f"build {item['id']} · {item['kind']} · {item['started']} · {item['seconds']:.1f} s"
            f"{state}: {item['built']} built, {item['unchanged']} already stored, "
            f"{item['rejected']} rejected, {item['stories']} stories updated"
        )
        for stats in item["steps"]["article"]:
            dropped = "; ".join(f"{n} {reason}" for reason, n in sorted(stats["dropped"].items()))
            click.echo(
                f"  {stats['step']:<10} {stats['seen']:>7} seen {stats['kept']:>7} kept "
                f"{stats['seconds']:>8.2f} s" + (f"  dropped: {dropped}" if dropped else "")
            )
        for stats in item["steps"]["story"]:
            click.echo(f"  story {stats['step']:<10} {stats['seconds']:>8.2f} s")


@main.command("serve")
@db_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes (one per core serves more readers at once).",
)
@click.option(
    "--token-file",
    type=click.Path(dir_okay=False, exists=True),
    help="File holding the write token (else the STORYLINE_TOKEN environment variable). "
    "Without a token, uploads and POST /api/articles are off.",
)
@config_option
@option_flags(SERVE)
def serve_command(
    db: str,
    host: str,
    port: int,
    workers: int,
    token_file: str | None,
    config: str | None,
    **given: Any,
) -> None:
    """Serve the web UI and the REST API over a store (OpenAPI docs at /docs).

    Uploads run the pipeline with the store's settings (those of its first build) unless
    the flags or a config file say otherwise.

    \b
    Example:
      storyline serve --db storyline.db --port 8000
      STORYLINE_TOKEN=$(cat token.txt) storyline serve --db storyline.db --workers 2
    """
    import uvicorn

    from storyline.web.app import (
        DB_VARIABLE,
        OPTIONS_VARIABLE,
        create_app,
        options_json,
        serve_workers,
    )
    from storyline.web.context import Settings
    from storyline.web.ingest import TOKEN_VARIABLE, TokenError, configured_token

    options, differ = resolved_options(db, config, given)
    _warn(differ)
    try:
        token = configured_token(token_file)
        app = create_app(Settings(db=db, token=token, options=options))  # migrates the store
    except (TokenError, StoreError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_HARD_ERROR)
    writes = "on (token required)" if token else "off (no token configured)"
    click.echo(f"serving {shown(db)} at http://{host}:{port}/ · writes {writes}", err=True)
    if workers == 1:
        uvicorn.run(app, host=host, port=port, log_level="warning")
        return
    os.environ[DB_VARIABLE] = db if is_server_url(db) else str(Path(db).resolve())
    os.environ[TOKEN_VARIABLE] = token or ""
    os.environ[OPTIONS_VARIABLE] = options_json(options)
    serve_workers(host, port, workers)


if __name__ == "__main__":
    main()
