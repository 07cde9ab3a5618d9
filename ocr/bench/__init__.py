"""The benchmark: accuracy and speed against plain Tesseract, real pages, scale, ablation."""
