"""The project's own exceptions: each says what went wrong and how to fix it.

The CLI maps them to exit codes at the edge; batch flows record them per document.
"""


class TelegramsError(Exception):
    """Base class. ``hint`` tells the user what to do about it."""

    exit_code = 1

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.hint = hint

    def __str__(self) -> str:
        message = super().__str__()
        return f"{message} ({self.hint})" if self.hint else message


class MissingDependencyError(TelegramsError):
    """An external program or data file (tesseract, a language, pdftoppm) is not installed."""

    exit_code = 3


class ExternalToolError(TelegramsError):
    """An external program ran but failed."""

    exit_code = 4


class InputError(TelegramsError):
    """The input file is unreadable, of an unsupported type, or empty."""

    exit_code = 2


class SchemaError(TelegramsError):
    """A document does not satisfy the published JSON Schema: a bug in the pipeline."""

    exit_code = 5


class OutputError(TelegramsError):
    """The output folder takes no more files (disk full, read-only, no permission): the batch stops."""

    exit_code = 6
