"""The ``telegrams`` command: the edge where options become settings and errors become messages."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from flows import logs
from flows.tables import (
    ablation_table,
    axis_table,
    bench_table,
    fields_table,
    real_table,
    stamps_table,
    summary_table,
)
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
    # The temporary server gets 20 s to start by default: too little on a loaded machine.
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",
}


def _prepare_environment(verbose: int, quiet: bool = False) -> None:
    for key, value in _ENVIRONMENT.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
    logs.configure(verbose, quiet)


@app.command()
def ingest(
    source: Annotated[Path, typer.Argument(help="A folder of scans (searched recursively) or one scan: PDF, TIFF, PNG, JPEG, or a folder of page images.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for <id>.json, <id>.diff.json and batch summaries.")] = Path("output"),
    transcripts: Annotated[Path | None, typer.Option("--transcripts", help="Folder of transcriptions named <stem>.md/.txt (default: beside each scan).")] = None,
    workers: Annotated[int, typer.Option(help="Pages processed at once.")] = max(1, min(os.cpu_count() or 1, 4)),
    dpi: Annotated[int, typer.Option(help="Resolution at which PDFs are rasterised.")] = 300,
    lang: Annotated[str, typer.Option(help="Tesseract language(s), e.g. rus or rus+eng.")] = "rus",
    correct: Annotated[bool, typer.Option("--correct/--no-correct", help="Correct misread Russian words with a lexicon and the learned confusions (only for Russian; each change is kept in `corrections`).")] = True,
    force: Annotated[bool, typer.Option("--force", help="Reprocess documents whose results are already up to date.")] = False,
    dask_address: Annotated[str | None, typer.Option("--dask-address", help="Run the pages on this Dask scheduler (tcp://host:8786) instead of local threads.")] = None,
    formats: Annotated[str, typer.Option("--formats", help="Outputs per document, comma-separated: json (always written), alto, page (one PAGE XML per page), pdf (searchable PDF/A).")] = "json,alto,page,pdf",
    debug_dir: Annotated[Path | None, typer.Option("--debug-dir", help="Keep each preprocessing step's image as DIR/<id>/page-NNN/NN_step.png (documents skipped as done write none: add --force).")] = None,
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="-v: progress and Prefect's logs; -vv: everything, Tesseract's notes included.")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors only.")] = False,
) -> None:
    """Read every scan under SOURCE into contract JSON (and a diff where a transcription exists)."""
    _prepare_environment(verbose, quiet)
    from flows.precheck import all_finished
    from ocr.export.write import parse_formats
    from ocr.recognize import OcrSettings
    from ocr.settings import Settings

    settings = Settings(dpi=dpi, ocr=OcrSettings(lang=lang), correct=correct)
    chosen = parse_formats(formats)
    done = None if force else all_finished(source, output, settings, chosen)
    if done:  # decided before Prefect is imported: a finished batch costs no server start
        console.print(f"all {len(done)} documents under {source} are up to date in {output}: nothing to do "
                      "(--force redoes them)")
        return
    from flows.run import run_ingest

    outcomes = run_ingest(source, output, transcripts, settings, force=force, workers=workers, console=console,
                           verbose=verbose, dask_address=dask_address, debug_dir=debug_dir, formats=chosen)
    Console(width=max(out.width, 130)).print(summary_table(outcomes))  # numbers must not be cut in narrow terminals
    raise typer.Exit(_report_failures(outcomes, output))


def _report_failures(outcomes, output: Path) -> int:
    """The exit status of a batch: 1 when any document failed (said how many and why), else 0."""
    from ocr.batch.outcome import failure_counts

    counts = failure_counts(outcomes)
    if not counts:
        return 0
    kinds = ", ".join(f"{kind} ×{n}" for kind, n in counts.items())
    console.print(f"[bold red]{sum(counts.values())} of {len(outcomes)} documents failed[/] ({kinds}); "
                  f"each failure's reason is in {output}/<id>.error.json")
    return 1


@app.command()
def serve(
    inbox: Annotated[Path, typer.Option("--inbox", help="The folder to watch: each run takes its new or changed scans.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the results, batch summaries and the inbox ledger.")] = Path("output"),
    cron: Annotated[str | None, typer.Option("--cron", help='When to run, as a cron expression, e.g. "0 2 * * *" (02:00 daily).')] = None,
    interval: Annotated[float | None, typer.Option("--interval", help="Or run every this many seconds.")] = None,
    name: Annotated[str, typer.Option("--name", help="Deployment name: runs are ingest-inbox/NAME.")] = "inbox",
    transcripts: Annotated[Path | None, typer.Option("--transcripts", help="Folder of transcriptions named <stem>.md/.txt (default: beside each scan).")] = None,
    workers: Annotated[int, typer.Option(help="Pages processed at once.")] = max(1, min(os.cpu_count() or 1, 4)),
    dask_address: Annotated[str | None, typer.Option("--dask-address", help="Run the pages on this Dask scheduler instead of local threads.")] = None,
    dpi: Annotated[int, typer.Option(help="Resolution at which PDFs are rasterised.")] = 300,
    lang: Annotated[str, typer.Option(help="Tesseract language(s), e.g. rus or rus+eng.")] = "rus",
    correct: Annotated[bool, typer.Option("--correct/--no-correct", help="Correct misread Russian words with a lexicon and the learned confusions (only for Russian; each change is kept in `corrections`).")] = True,
    formats: Annotated[str, typer.Option("--formats", help="Outputs per document, comma-separated: json (always written), alto, page (one PAGE XML per page), pdf (searchable PDF/A).")] = "json,alto,page,pdf",
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="-v: progress and Prefect's logs; -vv: everything, Tesseract's notes included.")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors only.")] = False,
) -> None:
    """Serve the inbox deployment on a Prefect server (PREFECT_API_URL) until stopped with Ctrl-C."""
    if cron and interval:
        raise TelegramsError("--cron and --interval both given", "choose one schedule")
    if not inbox.is_dir():
        raise TelegramsError(f"{inbox} is not a folder", "give the folder new scans arrive in as --inbox")
    # Flow and task logs (document and page ids) go to the server at INFO; the console shows warnings only.
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "INFO")
    if not verbose:
        os.environ.setdefault("PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL", "WARNING")
    _prepare_environment(verbose, quiet)
    from flows.serve import serve_inbox
    from ocr.export.write import parse_formats

    console.print(f"serving ingest-inbox/{name}: {inbox} → {output}"
                  + (f", cron {cron!r}" if cron else f", every {interval:g} s" if interval else ", on demand only"))
    serve_inbox(inbox, output, name=name, cron=cron, interval=interval, transcripts=transcripts, workers=workers,
                dask_address=dask_address, dpi=dpi, lang=lang, correct=correct, verbose=verbose, formats=parse_formats(formats))


@app.command()
def synth(
    transcript: Annotated[Path | None, typer.Argument(help="A transcription in the archive's markdown format; omit with --random.")] = None,
    out_dir: Annotated[Path, typer.Option("--out", "-o", help="Folder for <stem>.pdf, PNG pages, <stem>.md and <stem>.truth.json.")] = Path("scans"),
    level: Annotated[list[str], typer.Option("--level", "-l", help="clean, moderate or heavy; repeat for several.")] = ["clean"],
    seed: Annotated[int, typer.Option(help="Seed: the same seed gives the same pixels.")] = 0,
    dpi: Annotated[int, typer.Option(help="Resolution of the rendered pages.")] = 300,
    random: Annotated[int, typer.Option("--random", help="Render this many varied random telegrams instead of TRANSCRIPT.")] = 0,
    stem: Annotated[str | None, typer.Option(help="Output name (default: the transcript's stem).")] = None,
    fmt: Annotated[list[str], typer.Option("--format", "-f", help="pdf and/or png (pages); repeat for both.")] = ["pdf", "png"],
    split: Annotated[str | None, typer.Option("--split", help="With --random: only documents of this split (tuning or heldout; tune on tuning only).")] = None,
) -> None:
    """Render a transcription into believable scanned cipher-telegram pages, with exact ground truth."""
    from ocr.compare.transcript import read_transcript
    from ocr.synth import Level, random_transcript, render, write_rendering
    from ocr.synth.axes import Split, seeds_of_split

    if transcript is None and not random:
        raise TelegramsError("nothing to render", "give a TRANSCRIPT file or --random N")
    # Each random document its own seed: its own text and its own typewriter, form, hand, paper and scan.
    seeds = seeds_of_split(Split(split), random, seed) if split else [seed + k for k in range(random)]
    jobs = [(read_transcript(transcript), stem or transcript.stem, seed)] if transcript else [
        (random_transcript(s), f"{stem or 'random'}-{s:04d}", s) for s in seeds]
    for parsed, name, doc_seed in jobs:
        for lev in level:
            rendering = render(parsed, Level(lev), seed=doc_seed, dpi=dpi, document_id=f"{name}-{lev}")
            written = write_rendering(rendering, out_dir, f"{name}-{lev}", tuple(fmt))
            out.print(f"{name}-{lev}: {len(rendering.pages)} pages → {', '.join(p.name for p in written)}")


@app.command()
def diff(
    output_json: Annotated[Path, typer.Argument(help="A document written by ingest (<id>.json).")],
    transcript: Annotated[Path, typer.Argument(help="Its transcription: the archive's markdown export, plain text, ALTO or PAGE XML.")],
    out_dir: Annotated[Path | None, typer.Option("--out", "-o", help="Where <id>.diff.json/.html go (default: beside OUTPUT_JSON).")] = None,
    scan: Annotated[Path | None, typer.Option(help="The scan, for the report's images (default: the document's source path, if it exists).")] = None,
) -> None:
    """Compare one output with a transcription: CER/WER (dinglehopper-compatible), fields, and an HTML report."""
    from ocr.batch.outcome import write_comparison
    from ocr.batch.store import read_document
    from ocr.load import open_document

    try:
        document = read_document(output_json)
    except (OSError, ValueError) as exc:
        raise TelegramsError(f"{output_json} is not a telegrams document: {exc}", "give an <id>.json written by ingest") from exc
    source = scan or Path(document.source.path)
    found = write_comparison(document, transcript, out_dir or output_json.parent,
                             open_document(source) if source.exists() else None)
    out.print(fields_table(found, f"{document.document_id} against {transcript.name}"))
    for name, rates in found.profiles.items():
        out.print(f"{name}: CER {rates.cer:.4f}, WER {rates.wer:.4f} ({rates.reference_characters} reference characters)")


@app.command()
def bench(
    per_level: Annotated[int, typer.Option(help="Synthetic telegrams per degradation level.")] = 8,
    seed: Annotated[int, typer.Option(help="First seed of the set: the same seed, the same set.")] = 1000,
    dpi: Annotated[int | None, typer.Option(help="Resolution of the renders (default: each document's scan profile draws 200-400).")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes for the pipeline.")] = 2,
    level: Annotated[list[str], typer.Option("--level", "-l", help="Levels to run (default: all three).")] = ["clean", "moderate", "heavy"],
    split: Annotated[list[str], typer.Option("--split", help="tuning and/or heldout (default: both, side by side). Tune on tuning only.")] = ["tuning", "heldout"],
    pages: Annotated[str | None, typer.Option(help="Scale run instead: comma-separated page counts, e.g. 10,100,500.")] = None,
    out_dir: Annotated[Path, typer.Option("--out", help="Where renders, results and bench.json go.")] = Path("output/bench"),
    compare_workers: Annotated[bool, typer.Option(help="Also time the pipeline with one worker.")] = True,
    baseline: Annotated[bool, typer.Option(help="Run plain Tesseract too (off: accuracy of the pipeline only, faster).")] = True,
    real: Annotated[Path | None, typer.Option("--real", help="Instead: real page scans (<name>.jpg + <name>.gt.txt) against plain Tesseract, per page; writes real.json.")] = None,
    ablation: Annotated[bool, typer.Option("--ablation", help="Instead: page CER with each preprocessing step off in turn (and on the --real pages); writes ablation.json.")] = False,
    stamps: Annotated[bool, typer.Option("--stamps", help="Instead: stamp recall, text CER and incoming numbers per level and --split; writes stamps.json.")] = False,
    dask: Annotated[bool, typer.Option("--dask", help="Instead: pages per minute of the ingest flow on a local Dask cluster of --workers processes against --workers threads; writes dask.json.")] = False,
    rounds: Annotated[int, typer.Option(help="With --dask: timed passes of each (alternating which goes first).")] = 2,
) -> None:
    """Measure accuracy and speed against plain Tesseract on the same page images; writes bench.json."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    # Aliased: the module names would shadow the --ablation and --real options (the bench would always ablate).
    from ocr.bench import ablation as ablation_run
    from ocr.bench import accuracy, scale
    from ocr.bench import exports as exports_bench
    from ocr.bench import real as real_pages

    cache = out_dir / "renders"
    if stamps:
        from ocr.bench.stamps import run_stamp_bench

        Console(width=max(out.width, 150)).print(stamps_table(run_stamp_bench(cache, out_dir, per_level, seed, dpi, tuple(level), tuple(split))))
        out.print(f"written: {out_dir / 'stamps.json'}")
        return
    if dask:
        _prepare_environment(verbose=False)
        from flows.bench_dask import run_dask_bench

        found = run_dask_bench(cache, out_dir, per_level, seed, dpi, workers, rounds)
        for t in found["rounds"]:
            out.print(f"round {t['round']} {t['mode']:>7}: {t['pages']} pages in {t['seconds']:.1f} s, "
                      f"{t['pages_per_minute']:.2f} pages/min")
        speed = found["pages_per_minute"]
        out.print(f"pages/minute: Dask ({workers} processes × 1 thread) {speed['dask']:.2f}, {workers} threads "
                  f"{speed['threads']:.2f}: Dask at {found['ratio']:.2f}× threads; "
                  f"same JSON: {'yes' if found['same_json'] else 'NO'}")
        out.print(f"written: {out_dir / 'dask.json'}")
        return
    if ablation:
        table = ablation_run.run_ablation(cache, out_dir, per_level, seed, dpi or 300, workers, levels=tuple(level), real_dir=real)
        Console(width=max(out.width, 150)).print(ablation_table(table))
        out.print(f"written: {out_dir / 'ablation.json'}")
        return
    if real is not None:
        from ocr.settings import Settings

        rows = real_pages.run_real(real, Settings(dpi=dpi or 300), out_dir, workers)
        Console(width=max(out.width, 150)).print(real_table(rows))
        out.print(f"written: {out_dir / 'real.json'}")
        return
    if pages:
        runs = [scale.run_scale_isolated(cache, int(n), workers, dpi or 300, seed) for n in pages.split(",")]
        for run in runs:
            out.print(f"{run['pages']:>5} pages: {run['seconds']:8.1f} s, {run['pages_per_minute']:6.1f} pages/min, "
                      f"peak RSS main {run['peak_rss_mb']['main']:.0f} MiB, largest child {run['peak_rss_mb']['largest_child']:.0f} MiB")
        if len(runs) > 1:
            first, last = runs[0], runs[-1]
            out.print(f"time per page {last['seconds'] / last['pages'] / (first['seconds'] / first['pages']):.2f}× and peak worker "
                      f"memory {last['peak_rss_mb']['largest_child'] / first['peak_rss_mb']['largest_child']:.2f}× "
                      f"from {first['pages']} to {last['pages']} pages")
        from ocr.batch.store import write_json_atomic
        write_json_atomic(out_dir / "scale.json", {"runs": runs})
        return
    report = accuracy.run_bench(cache, out_dir, per_level, seed, dpi, workers, levels=tuple(level),
                                 compare_workers=compare_workers, with_baseline=baseline, splits=tuple(split))
    Console(width=max(out.width, 200)).print(bench_table(report))  # the table is wider than a default terminal
    for r in (r for r in report.levels if r.failed_documents):
        out.print(f"{r.split}/{r.level}: the pipeline failed on {r.failed_documents} document(s), scored as read as nothing "
                  f"(see the .error.json files under {out_dir / 'results'})")
    for r in report.levels:
        out.print(f"{r.split}/{r.level}: " + ", ".join(f"{part.replace('_multi_page', ' (documents of several pages)')} found in "
                                                   f"{n} of {m}" for part, (n, m) in r.parts_found.items()))
    if "tuning" in split:
        out.print(axis_table(report))
    out.print("pages/minute: " + ", ".join(f"{k} {v:.2f}" for k, v in report.pages_per_minute.items()))
    out.print("peak RSS (MiB): " + ", ".join(f"{k} {v:.0f}" for k, v in report.peak_rss_mb.items()))
    stages = report.stage_seconds
    out.print(f"one thread, per page ({stages['pages']} pages): preprocessing {stages['preprocess']:.2f} s, "
              f"Tesseract's reading {stages['recognition']:.2f} s: preprocessing at {100 * stages['ratio']:.0f} % of it")
    pipeline = sum(r.seconds_per_page_pipeline * r.pages for r in report.levels) / sum(r.pages for r in report.levels) * workers
    timing = exports_bench.run_exports_bench(cache, out_dir, per_level, seed, dpi, stages, pipeline, levels=tuple(level),
                                             splits=tuple(split))
    out.print("exports per page: " + ", ".join(f"{k} {v:.2f} s" for k, v in timing["seconds_per_page"].items())
              + f": {100 * timing['share_of_pipeline']:.1f} % of the pipeline's time per page on one worker, "
              f"{100 * timing['share_of_reading']:.1f} % of preprocessing and first reading ({out_dir / 'exports.json'})")
    out.print(f"written: {out_dir / 'bench.json'}")


def main() -> None:
    try:
        app()
    except TelegramsError as exc:
        console.print(f"[bold red]error:[/] {exc}")
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
