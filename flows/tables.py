"""Tables the command line prints: ingest summary and benchmark figures."""

from __future__ import annotations

import math

from rich.table import Table


def fmt(value: float | None, digits: int = 4) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def summary_table(outcomes) -> Table:
    table = Table(title="Ingest summary", header_style="bold")
    for name in ("document", "status", "pages", "mean conf.", "CER", "WER", "fields", "notes"):
        numeric = name in ("pages", "mean conf.", "CER", "WER", "fields")
        table.add_column(name, justify="right" if numeric else "left", no_wrap=name != "notes",
                         overflow="fold" if name == "notes" else "ellipsis")
    for o in outcomes:
        notes = o.error or "; ".join(o.warnings)
        table.add_row(o.document_id, o.status, str(o.pages), fmt(o.mean_confidence, 1), fmt(o.cer), fmt(o.wer),
                      fmt(o.field_accuracy, 2), notes[:80])
    return table


def bench_table(report) -> Table:
    """Per level, the tuning split and the held-out split side by side (the held-out figures are the ones to report)."""
    table = Table(title=f"Benchmark (pipeline {report.version} vs plain `tesseract IMAGE - -l rus`): "
                        "tuning | held-out (report these; never tune on them)", header_style="bold")
    metrics = [("docs", lambda r: str(r.documents)), ("fields", lambda r: fmt(r.field_accuracy, 3)),
               ("dist. F1", lambda r: fmt(r.distribution_f1, 3)), ("body CER", lambda r: fmt(r.body_cer)),
               ("page CER ours", lambda r: fmt(r.page_cer_pipeline)), ("page CER tess.", lambda r: fmt(r.page_cer_baseline)),
               ("ratio", lambda r: fmt(r.page_cer_ratio, 2))]
    splits = list(dict.fromkeys(r.split for r in report.levels))
    table.add_column("level")
    for split in splits:
        for name, _ in metrics:
            table.add_column(f"{name}\n{'held-out' if split == 'heldout' else split}", justify="right")
    table.add_column("s/page ours", justify="right")
    table.add_column("s/page tess.", justify="right")
    for level in dict.fromkeys(r.level for r in report.levels):
        rows = {r.split: r for r in report.levels if r.level == level}
        cells = [get(rows[split]) if split in rows else "—" for split in splits for _, get in metrics]
        first = next(iter(rows.values()))
        table.add_row(level, *cells, fmt(first.seconds_per_page_pipeline, 2), fmt(first.seconds_per_page_baseline, 2))
    return table


def axis_table(report, split: str = "tuning") -> Table:
    """Field accuracy of one split per axis value and level, documents in brackets; the weakest tuning values are
    the stand-in for unseen material (the held-out split is not broken down here, so nobody tunes to its values)."""
    levels = [r for r in report.levels if r.split == split]
    table = Table(title=f"Fields by axis value ({split} split): the weakest stand in for material never seen",
                  header_style="bold")
    for name in ("axis", "value", *(r.level for r in levels)):
        table.add_column(name, justify="left" if name in ("axis", "value") else "right")
    for axis, value in sorted({(axis, value) for r in levels for axis, found in r.by_axis.items() for value in found}):
        cells = [r.by_axis.get(axis, {}).get(value) for r in levels]
        table.add_row(axis, value, *(f"{fmt(c[0], 3)} ({c[1]:.0f})" if c else "—" for c in cells))
    return table


def ablation_table(table: dict[str, dict[str, float]]) -> Table:
    result = Table(title="Ablation: page CER with each preprocessing step off", header_style="bold")
    columns = list(next(iter(table.values())).keys()) if table else []
    result.add_column("variant")
    for name in columns:
        result.add_column(name.replace("_", " "), justify="right")
    for variant, row in table.items():
        result.add_row(variant, *(fmt(row[name], 2 if name == "seconds_per_page" else 4) for name in columns))
    return result


def real_table(rows) -> Table:
    result = Table(title="Real pages: ours vs plain `tesseract IMAGE - -l LANG`", header_style="bold")
    for name in ("page", "lang", "chars", "CER ours", "CER tess.", "recall ours", "recall tess.", "both better"):
        result.add_column(name, justify="left" if name in ("page", "lang") else "right")
    for r in rows:
        better = r.cer_pipeline < r.cer_baseline and r.recall_pipeline > r.recall_baseline
        result.add_row(r.name, r.lang, str(r.characters), fmt(r.cer_pipeline), fmt(r.cer_baseline),
                       fmt(r.recall_pipeline), fmt(r.recall_baseline), "yes" if better else "NO")
    chars = sum(r.characters for r in rows) or 1
    total = [sum(getattr(r, k) * r.characters for r in rows) / chars
             for k in ("cer_pipeline", "cer_baseline", "recall_pipeline", "recall_baseline")]
    result.add_row("total (by characters)", "", str(chars), *(fmt(v) for v in total),
                   "yes" if total[0] < total[1] and total[2] > total[3] else "NO")
    return result


def fields_table(report, title: str) -> Table:
    """A diff report's fields: expected, found, match."""
    table = Table(title=title, header_style="bold")
    for name in ("field", "expected", "found", "match"):
        table.add_column(name)
    for row in report.fields:
        table.add_row(row.field, str(row.expected), str(row.found), "✓" if row.match else "✗")
    return table


def stamps_table(report) -> Table:
    """The stamp benchmark per level and split: recall, text CER, incoming numbers and dates exact."""
    table = Table(title=f"Stamps ({report.seconds_per_stamp:.2f} s per stamp, {report.cpu_seconds_per_stamp:.2f} s processor, "
                        f"{report.cpu_seconds_per_stamp_finding:.2f} s of it finding them; Tesseract's page reading "
                        f"{report.seconds_per_page_tesseract:.2f} s per page)", header_style="bold")
    for name in ("level", "split", "stamps", "found", "recall", "text CER", "numbers", "numbers exact", "dates exact",
                 "false pos.", "found, no colour"):
        table.add_column(name, justify="left" if name in ("level", "split") else "right")
    for s in report.scores:
        table.add_row(s.level, s.split, str(s.stamps), str(s.found), fmt(s.recall, 3), fmt(s.cer, 3), str(s.numbers),
                      fmt(s.numbers_exact, 3), fmt(s.dates_exact, 3), str(s.false_positives),
                      "{}/{}".format(*s.found_without_colour))
    return table
