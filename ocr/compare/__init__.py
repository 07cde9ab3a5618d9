"""Comparing OCR output with transcriptions and ground truth: normalisation, CER/WER, alignment, the diff, field scoring."""
