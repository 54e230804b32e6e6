"""Broken files a reader must survive: empty, truncated, corrupt, misnamed, encrypted.

(The two legacy-encoded text files are written by misc.py and listed here too.)
"""

from __future__ import annotations

from sleuth.demo.forms import compose_form, form_truth, scan_options
from sleuth.demo.jobs import Job, literal, truncated, zeroed_tail
from sleuth.demo.letters import compose_letter, letter_truth
from sleuth.demo.plan import Plan
from sleuth.demo.render.image import render_scan
from sleuth.demo.render.office import render_docx
from sleuth.demo.render.pdf import PdfOptions, render_pdf
from sleuth.demo.truth import FileTruth

PDF_PASSWORD = "1437"


def _broken(plan: Plan, path: str, problem: str, detail: str) -> None:
    plan.truth.broken.append({"path": path, "problem": problem, "detail": detail})


def add_broken(plan: Plan) -> list[str]:
    """Five broken files."""
    story, rng = plan.story, plan.rng("broken")
    events = [e for e in story.events if e.internal and e.finding is None and e.action not in ("capture",)]
    paths = []

    path = plan.add(
        "letters",
        "تقرير_فارغ.docx",
        Job(literal, (b"",)),
        FileTruth(path="", kind="letter", format="docx", language="unknown", marking=False, title="(empty)"),
    )
    _broken(plan, path, "empty", "zero bytes")
    paths.append(path)

    doc, c = compose_letter(story, [events[3]], "ar", rng)
    truth = letter_truth(doc, c, "letter", "pdf", notes="truncated: only the first 55% of the bytes")
    path = plan.add("letters", "report_partial.pdf", Job(truncated, (Job(render_pdf, (doc,)), 0.55)), truth)
    _broken(plan, path, "truncated", "PDF cut after 55% of its bytes (no xref table, no %EOF)")
    paths.append(path)

    doc, c = compose_letter(story, [events[7]], "en", rng)
    truth = letter_truth(doc, c, "letter", "docx", notes="corrupt ZIP container")
    path = plan.add("letters", "memo_damaged.docx", Job(zeroed_tail, (Job(render_docx, (doc,)), 400)), truth)
    _broken(plan, path, "corrupt", "DOCX whose ZIP central directory is zeroed (bad zip file)")
    paths.append(path)

    recruit = story.recruits[-1]
    doc, c = compose_form(story, recruit, "ar", rng)
    opts = scan_options(rng, "PNG")
    truth = form_truth(doc, c, "png", opts, notes="a PNG image named .pdf")
    path = plan.add("forms/scans", "scan_0099.pdf", Job(render_scan, (doc, opts)), truth)
    _broken(plan, path, "wrong-extension", "PNG image saved with a .pdf extension")
    paths.append(path)

    doc, c = compose_letter(story, [events[11]], "ar", rng)
    truth = letter_truth(doc, c, "letter", "pdf", notes=f"encrypted; user password {PDF_PASSWORD!r}")
    truth.metadata["user_password"] = PDF_PASSWORD
    path = plan.add(
        "letters",
        "محمي.pdf",
        Job(render_pdf, (doc, PdfOptions(user_password=PDF_PASSWORD, owner_password="owner-1437"))),
        truth,
    )
    _broken(plan, path, "encrypted", f"PDF encrypted (RC4); opens with user password {PDF_PASSWORD!r}")
    paths.append(path)
    return paths
