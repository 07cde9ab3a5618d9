"""Running external programs: the only place that calls Tesseract and poppler."""
