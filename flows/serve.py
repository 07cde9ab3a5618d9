"""Serving the inbox flow on a schedule: a long-running process that polls the Prefect server for runs.

``Flow.serve`` needs no work pool or worker: this process registers the deployment
``ingest-inbox/<name>`` with its schedule and runs each flow run (scheduled or triggered by
``prefect deployment run``) in a subprocess of its own, one at a time.
"""

from __future__ import annotations

from pathlib import Path

from prefect.settings import get_current_settings

from flows.inbox import ingest_inbox
from flows.run import quiet_prefect_logs, task_runner
from ocr.errors import TelegramsError
from ocr.export.write import FORMATS


def serve_inbox(inbox: Path, output: Path, *, name: str = "inbox", cron: str | None = None,
                interval: float | None = None, transcripts: Path | None = None, workers: int = 2,
                dask_address: str | None = None, dpi: int = 300, lang: str = "rus", correct: bool = True,
                verbose: bool = False, formats: tuple[str, ...] = FORMATS) -> None:
    """Serve ``ingest-inbox/<name>`` until interrupted; ``cron`` or ``interval`` (seconds) schedules it, neither
    leaves it to be run on demand."""
    if not get_current_settings().api.url:
        raise TelegramsError("no Prefect server to serve on",
                             "start one (prefect server start) and set PREFECT_API_URL=http://127.0.0.1:4200/api")
    quiet_prefect_logs(verbose=True)  # shutdown noise only: run logs must still reach the server
    parameters = {"inbox": str(inbox.resolve()), "output_dir": str(output.resolve()), "dpi": dpi, "lang": lang,
                  "formats": ",".join(formats),
                  "correct": correct,
                  "transcripts_dir": str(transcripts.resolve()) if transcripts else None}
    flow = ingest_inbox.with_options(task_runner=task_runner(workers, dask_address))
    flow.serve(
        name=name,
        cron=cron,
        interval=interval,
        parameters=parameters,
        description=f"Ingest new scans from {inbox} into {output}",
        tags=["telegrams"],
        limit=1,  # runs one at a time: two runs on one inbox would take the same files
        print_starting_message=verbose,
    )
