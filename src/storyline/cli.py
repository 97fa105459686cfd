"""The `storyline` command: a thin layer that parses options and calls the Python API."""

from __future__ import annotations

import datetime
import json
import os
import sys
from pathlib import Path

import click

from storyline import __version__
from storyline.api import load
from storyline.build import BuildReport, build
from storyline.export import show
from storyline.options import Options
from storyline.pipeline.nlp.annotate import ModelNotInstalled
from storyline.pipeline.nlp.timex import tag
from storyline.store import StoreError, is_server_url, shown

# Exit codes, shown in `storyline build --help`.
EXIT_OK = 0
EXIT_NOTHING_BUILT = 1
EXIT_USAGE = 2  # click's own code for bad arguments
EXIT_HARD_ERROR = 3
EXIT_INTERRUPTED = 130

DEFAULTS = Options()

db_option = click.option(
    "--db",
    default="storyline.db",
    show_default=True,
    type=click.Path(dir_okay=False),
    help="The SQLite store.",
)


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
@click.option(
    "--batch-size",
    default=DEFAULTS.batch_size,
    show_default=True,
    type=click.IntRange(min=1),
    help="Articles per batch: one spaCy pass and one store transaction each.",
)
@click.option(
    "--spacy-model",
    default=DEFAULTS.spacy_model,
    show_default=True,
    help="Installed spaCy pipeline to load (package name or path).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "processes", "dask"]),
    default=DEFAULTS.executor,
    show_default=True,
    help="Where batches run: this process, worker processes, or Dask. Results are the same.",
)
@click.option(
    "--workers",
    default=DEFAULTS.workers,
    show_default=True,
    type=click.IntRange(min=1),
    help="Worker processes for --executor processes or a local Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Dask scheduler of a running cluster (tcp://host:8786); without it, "
    "--executor dask starts a local cluster.",
)
@click.option(
    "--shards",
    type=click.Path(file_okay=False),
    default=None,
    help="Write processed batches as Parquet shards into this folder instead of the store "
    "(for a cluster without database access); bring them in with `storyline load`.",
)
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line and errors.")
@click.option(
    "--summary-endpoint",
    metavar="URL",
    default=None,
    help="OpenAI-compatible endpoint (e.g. http://localhost:8080/v1) that rewrites "
    "each story's extractive summary; off by default. The key, if any, is read "
    "from STORYLINE_API_KEY.",
)
@click.option(
    "--summary-model",
    default="default",
    show_default=True,
    help="Model name sent to --summary-endpoint.",
)
def build_command(
    inputs: tuple[str, ...],
    db: str,
    batch_size: int,
    spacy_model: str,
    executor: str,
    workers: int,
    scheduler: str | None,
    shards: str | None,
    quiet: bool,
    summary_endpoint: str | None,
    summary_model: str,
) -> None:
    """Ingest files and folders into the store and run the whole pipeline.

    INPUTS are files or folders (read recursively): .txt, .html/.htm, and .jsonl with one
    article per line (fields `text` or `html`, optional url, title, published, site,
    author). Re-running with the same inputs changes nothing: articles are identified by a
    hash of their raw content. A file that cannot be read is reported with its path and
    the reason, and the rest is built.

    \b
    Exit status:
      0    the build ran; some inputs may have been reported and skipped
      1    nothing could be built: no input gave an article
      2    bad command-line usage
      3    hard error: the store cannot be opened or written, or the spaCy model is
           missing
      130  interrupted (Ctrl-C); every batch committed before is kept

    \b
    Example:
      storyline build examples/corpus ../more-articles.jsonl --db storyline.db
      storyline build crawl/ --executor processes --workers 4
    """
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler needs --executor dask")
    options = Options(
        batch_size=batch_size,
        spacy_model=spacy_model,
        executor=executor,
        workers=workers,
        scheduler=scheduler,
        summary_endpoint=summary_endpoint,
        summary_model=summary_model,
        summary_api_key=os.environ.get("STORYLINE_API_KEY"),  # read here, at the edge only
    )
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
    sys.exit(EXIT_NOTHING_BUILT if report.nothing_built else EXIT_OK)


def _print_report(report: BuildReport, quiet: bool = False) -> None:
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
        self.bar = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not self.enabled:
            return None
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.bar = Progress(
            TextColumn("building"),
            BarColumn(),
            TextColumn("{task.completed} articles"),
            TimeElapsedColumn(),
            transient=True,
        )
        self.bar.start()
        task = self.bar.add_task("build", total=None)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


@main.command("load")
@click.argument("folder", type=click.Path(exists=True, file_okay=False))
@db_option
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line and errors.")
def load_command(folder: str, db: str, quiet: bool) -> None:
    """Bring Parquet shards written by `storyline build --shards` into the store.

    Near-duplicates, storage and the story stage run as in a build; no NLP is needed.
    Loading the same shards again adds nothing. Exit status as for `build`.

    \b
    Example:
      storyline build crawl/ --executor dask --scheduler tcp://host:8786 --shards shards/
      storyline load shards/ --db storyline.db
    """
    from storyline.build import load_shards

    report = BuildReport(db=shown(db))
    try:
        with _progress(enabled=not quiet and sys.stderr.isatty()) as advance:
            report = load_shards(Path(folder), db=db, progress=advance)
    except KeyboardInterrupt:
        click.echo("\ninterrupted: shards loaded so far are kept; re-run to continue", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except StoreError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_HARD_ERROR)
    _print_report(report, quiet)
    sys.exit(EXIT_NOTHING_BUILT if report.nothing_built else EXIT_OK)


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
        from storyline.export.tables import write_tables

        for path in write_tables(dossier.data, Path(out or "."), fmt):  # type: ignore[arg-type]
            click.echo(f"wrote {path}", err=True)
    elif out:
        path = dossier.write(Path(out), fmt)  # type: ignore[arg-type]
        click.echo(f"wrote {path}", err=True)
    else:
        click.echo(dossier.render(fmt), nl=False)  # type: ignore[arg-type]


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
def serve_command(db: str, host: str, port: int, workers: int, token_file: str | None) -> None:
    """Serve the web UI and the REST API over a store (OpenAPI docs at /docs).

    \b
    Example:
      storyline serve --db storyline.db --port 8000
      STORYLINE_TOKEN=$(cat token.txt) storyline serve --db storyline.db --workers 2
    """
    import uvicorn

    from storyline.web.app import DB_VARIABLE, create_app, serve_workers
    from storyline.web.context import Settings
    from storyline.web.ingest import TOKEN_VARIABLE, TokenError, configured_token

    try:
        token = configured_token(token_file)
        app = create_app(Settings(db=db, token=token))  # also migrates the store once
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
    serve_workers(host, port, workers)


if __name__ == "__main__":
    main()
