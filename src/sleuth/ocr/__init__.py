"""OCR: scanned pages and images read with tesseract, in Arabic and English.

`engine` runs tesseract; `images` turns a stored file's page into pixels; `recognize` reads
one page image (preprocessing, language choice, repairs); `stage` is the pipeline stage
that finds pages waiting for OCR and reads them on every core.
"""
