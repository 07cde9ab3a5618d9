"""The ``telegrams`` command: the edge where options become settings and errors become messages."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ocr.errors import TelegramsError

app = typer.Typer(
    help="Turn scans of Soviet cipher telegrams into checked, structured, searchable records.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
console = Console(stderr=True)
out = Console()

# Defaults for the Prefect process and its temporary server, before Prefect is first imported:
# no analytics calls on an offline machine, quiet server shutdown, one thread per Tesseract.
_ENVIRONMENT = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_SERVER_LOGGING_LEVEL": "CRITICAL",
    "OMP_THREAD_LIMIT": "1",
}


def _prepare_environment(verbose: bool) -> None:
    for key, value in _ENVIRONMENT.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"


def _fmt(value: float | None, digits: int = 4) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def summary_table(outcomes) -> Table:
    table = Table(title="Ingest summary", header_style="bold")
    for name in ("document", "status", "pages", "mean conf.", "CER", "WER", "fields", "notes"):
        numeric = name in ("pages", "mean conf.", "CER", "WER", "fields")
        table.add_column(name, justify="right" if numeric else "left", overflow="fold" if name == "notes" else "ellipsis")
    for o in outcomes:
        notes = o.error or "; ".join(o.warnings)
        table.add_row(o.document_id, o.status, str(o.pages), _fmt(o.mean_confidence, 1), _fmt(o.cer), _fmt(o.wer),
                      _fmt(o.field_accuracy, 2), notes[:80])
    return table


@app.command()
def ingest(
    source: Annotated[Path, typer.Argument(help="A folder of scans (searched recursively) or one scan: PDF, TIFF, PNG, JPEG, or a folder of page images.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for <id>.json, <id>.diff.json and batch summaries.")] = Path("output"),
    transcripts: Annotated[Path | None, typer.Option("--transcripts", help="Folder of transcriptions named <stem>.md/.txt (default: beside each scan).")] = None,
    workers: Annotated[int, typer.Option(help="Pages processed at once.")] = max(1, min(os.cpu_count() or 1, 4)),
    dpi: Annotated[int, typer.Option(help="Resolution at which PDFs are rasterised.")] = 300,
    lang: Annotated[str, typer.Option(help="Tesseract language(s), e.g. rus or rus+eng.")] = "rus",
    force: Annotated[bool, typer.Option("--force", help="Reprocess documents whose results are already up to date.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show Prefect's logs.")] = False,
) -> None:
    """Read every scan under SOURCE into contract JSON (and a diff where a transcription exists)."""
    _prepare_environment(verbose)
    from flows.run import run_ingest
    from ocr.pipeline import Settings
    from ocr.recognize import OcrSettings

    settings = Settings(dpi=dpi, ocr=OcrSettings(lang=lang))
    outcomes = run_ingest(source, output, transcripts, settings, force=force, workers=workers, console=console,
                           verbose=verbose)
    out.print(summary_table(outcomes))
    if outcomes and all(o.status == "failed" for o in outcomes):
        raise typer.Exit(1)


@app.command()
def synth(
    transcript: Annotated[Path | None, typer.Argument(help="A transcription in the archive's markdown format; omit with --random.")] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for <stem>.pdf, PNG pages, <stem>.md and <stem>.truth.json.")] = Path("scans"),
    level: Annotated[list[str], typer.Option("--level", "-l", help="clean, moderate or heavy; repeat for several.")] = ["clean"],
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same pixels.")] = 0,
    dpi: Annotated[int, typer.Option(help="Resolution of the rendered pages.")] = 300,
    random: Annotated[int, typer.Option("--random", help="Render this many varied random telegrams instead of TRANSCRIPT.")] = 0,
    stem: Annotated[str | None, typer.Option(help="Output name (default: the transcript's stem).")] = None,
) -> None:
    """Render a transcription into believable scanned cipher-telegram pages, with exact ground truth."""
    from ocr.synth import Level, random_transcript, render, write_rendering
    from ocr.transcript import read_transcript

    if transcript is None and not random:
        raise TelegramsError("nothing to render", "give a TRANSCRIPT file or --random N")
    jobs = [(read_transcript(transcript), stem or transcript.stem)] if transcript else [
        (random_transcript(seed + k), f"{stem or 'random'}-{seed + k:04d}") for k in range(random)]
    for parsed, name in jobs:
        for lev in level:
            rendering = render(parsed, Level(lev), seed=seed, dpi=dpi, document_id=f"{name}-{lev}")
            written = write_rendering(rendering, out_dir, f"{name}-{lev}")
            out.print(f"{name}-{lev}: {len(rendering.pages)} pages → {', '.join(str(p) for p in written)}")


def main() -> None:
    try:
        app()
    except TelegramsError as exc:
        console.print(f"[bold red]error:[/] {exc}")
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
