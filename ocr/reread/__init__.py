"""Reading again where Tesseract's page reading is known to fail: one module per step, composed by
:func:`ocr.reread.pipeline.reread_page` (not imported here: the field parsers use :mod:`ocr.reread.readings`
and the pipeline uses the parsers)."""
