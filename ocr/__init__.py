"""telegrams: the OCR library. One module per stage; never imports Prefect."""

__version__ = "0.1.0"
