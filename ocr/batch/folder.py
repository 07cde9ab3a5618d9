"""The output folder: the one place that names every file a batch writes there.

Per document ``<id>.json`` (the record), ``<id>.diff.json`` and ``<id>.diff.html`` (the comparison with a
transcription and the reviewer's page), ``<id>.error.json`` (a failure), and its exports
(``<id>.alto.xml``, ``<id>.page-NNN.xml`` — PAGE holds one page a file —, ``<id>.pdf``); per folder
``index.html``, ``batch-<timestamp>.json`` summaries, the inbox ledger and the per-document locks.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ocr.batch import store
from ocr.compare.diff import DiffReport
from ocr.contract import TelegramDocument

EXPORT_FORMATS = ("alto", "page", "pdf")


@dataclass(frozen=True)
class OutputFolder:
    root: Path

    def document(self, document_id: str) -> Path:
        return self.root / f"{document_id}.json"

    def diff(self, document_id: str) -> Path:
        return self.root / f"{document_id}.diff.json"

    def report(self, document_id: str) -> Path:
        return self.root / f"{document_id}.diff.html"

    def error(self, document_id: str) -> Path:
        return self.root / f"{document_id}.error.json"

    def exports(self, document_id: str, page_count: int) -> dict[str, list[Path]]:
        """The export files of a document of ``page_count`` pages, by format."""
        return {
            "alto": [self.root / f"{document_id}.alto.xml"],
            "page": [self.root / f"{document_id}.page-{n:03d}.xml" for n in range(1, page_count + 1)],
            "pdf": [self.root / f"{document_id}.pdf"],
        }

    def files(self, document_id: str, page_count: int) -> list[Path]:
        """Every file this folder may hold for a document."""
        named = [self.document(document_id), self.diff(document_id), self.report(document_id), self.error(document_id)]
        return named + [path for paths in self.exports(document_id, page_count).values() for path in paths]

    def lock(self, document_id: str) -> Path:
        return self.root / ".locks" / f"{document_id}.lock"

    @property
    def index(self) -> Path:
        return self.root / "index.html"

    @property
    def ledger(self) -> Path:
        return self.root / "inbox-ledger.json"

    @property
    def ledger_lock(self) -> Path:
        return self.root / ".inbox-ledger.json.lock"

    def summary(self, stamp: str) -> Path:
        """``batch-<stamp>.json``, or ``batch-<stamp>-2.json``… when a batch finished in the same second wrote one."""
        path, n = self.root / f"batch-{stamp}.json", 1
        while path.exists():
            n += 1
            path = self.root / f"batch-{stamp}-{n}.json"
        return path

    def document_ids(self) -> list[str]:
        """Ids of the documents this folder holds a result or a failure for, sorted."""
        ids = set()
        for path in self.root.glob("*.json"):
            name = path.name
            if name.endswith(".error.json"):
                ids.add(name[: -len(".error.json")])
            elif not name.endswith(".diff.json") and "schema_version" in store.read_json(path):
                ids.add(name[: -len(".json")])
        return sorted(ids)

    def read_document(self, document_id: str) -> TelegramDocument:
        """The document's record; OSError or pydantic's ValidationError when it is missing or off the contract."""
        return store.read_document(self.document(document_id))

    def read_diff(self, document_id: str) -> DiffReport:
        """The document's comparison; OSError or pydantic's ValidationError when it is missing or off its model."""
        return DiffReport.model_validate_json(self.diff(document_id).read_text(encoding="utf-8"))
