"""The synthetic demo trove: a leak of an armed group's internal files, with its truth.

`write_demo_trove(outdir)` writes

    OUTDIR/truth.json          what every file holds (see truth.py for the schema)
    OUTDIR/trove/              the leak itself - ingest this folder, not OUTDIR
        letters/ orders/       letters, orders and reports (Arabic and English; PDF with a text
                               layer, DOCX), photos/ of some, re-typed near-copies, forgeries
        forms/  forms/scans/   personnel registration forms: text PDFs, scanned PNG/TIFF and
                               image-only PDFs that need OCR, a few English ones
        mail/                  .eml messages with PDF/DOCX attachments, one .mbox
        finance/ finance/notes/ the shipments workbook (.xlsx), a .csv export, a payroll,
                               periodic reports and shipment notes
        web/<outlet>/YYYY/MM/DD/ saved news pages (Arabic and English, with boilerplate)
        forum/                 forum threads with claims and counter-claims
        misc/ misc/retyped/    a checkpoint log, a Windows-1256 phone list, UTF-16 notes,
                               re-typed copies, a ZIP holding a ZIP
        backup/                exact duplicates, as a careless leaker leaves them

Everything is fiction on a real background: organisations and places are real, every person
is invented, and every file says SYNTHETIC DEMO DATA (بيانات تجريبية مصطنعة). The same seed
writes byte-identical files. `size` > 500 writes the bulk benchmark trove instead (bulk.py).

Modules: world (setting, from data/*.json), cast (invented people), dates (Gregorian/Hijri),
story (events and the three planted findings), compose (documents as text + truth), one
module per part of the trove (letters, forms, mail, finance, web, forum, misc, copies,
forgeries, broken), render/ (PDF, DOCX/XLSX, scans, e-mail, ZIP), trove (orchestration),
bulk (the large trove).
"""

from sleuth.demo.trove import TroveSummary, write_demo_trove

__all__ = ["TroveSummary", "write_demo_trove"]
