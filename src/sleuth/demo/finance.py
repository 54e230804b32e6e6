"""The ledgers: oil-for-fertiliser shipments (.xlsx and a partial .csv export) and a payroll."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from sleuth.demo import dates
from sleuth.demo.compose import Composer, event_record, marking
from sleuth.demo.jobs import Job, literal
from sleuth.demo.plan import Plan
from sleuth.demo.render.office import SheetSpec, WorkbookSpec, render_xlsx
from sleuth.demo.truth import FileTruth
from sleuth.demo.world import MARK_LINE_EN, Mention

_AR_HEADER = [
    "الرقم",
    "التاريخ",
    "التاريخ الهجري",
    "الكمية (برميل)",
    "من",
    "إلى",
    "السماد (طن)",
    "نوع السماد",
    "سعر البرميل (دولار)",
    "القيمة (دولار)",
    "الناقل",
    "عدد الشاحنات",
    "ملاحظات",
]
_EN_HEADER = [
    "no",
    "date",
    "hijri_date",
    "barrels",
    "from",
    "to",
    "fertiliser_tonnes",
    "fertiliser_type",
    "price_per_barrel_usd",
    "value_usd",
    "carrier",
    "trucks",
    "notes",
]


def add_finance(plan: Plan) -> list[str]:
    """The shipments workbook, its CSV export and the Diwan al-Jund payroll."""
    story, rng = plan.story, plan.rng("finance")
    ar, en = Composer(story, "ar", rng), Composer(story, "en", rng)
    rows_ar: list[list[Any]] = []
    rows_en: list[list[Any]] = []
    names_en: list[list[Mention]] = []  # the names of each English row (the CSV has only some rows)
    for i, s in enumerate(story.shipments, start=1):
        e = s.event
        first_en = len(en.mentions)
        origin_ar, origin_en = ar.bare(s.origin), en.bare(s.origin)
        to_ar, to_en = ar.bare("homs"), en.bare("homs")
        carrier_ar, carrier_en = ar.bare("badia"), en.bare("badia")
        value = round(s.barrels * s.price_usd, 2)
        note_ar = "مقابل سماد من " + ar.bare("gfc") if i % 3 == 0 else ""
        rows_ar.append(
            [
                i,
                e.date,
                dates.to_hijri(e.date).iso(),
                s.barrels,
                origin_ar,
                to_ar,
                s.tonnes,
                s.fertiliser.ar,
                s.price_usd,
                value,
                carrier_ar,
                s.truck_count,
                note_ar,
            ]
        )
        rows_en.append(
            [
                i,
                e.date.isoformat(),
                dates.to_hijri(e.date).iso(),
                s.barrels,
                origin_en,
                to_en,
                s.tonnes,
                s.fertiliser.en[0],
                f"{s.price_usd:.2f}",
                f"{value:.2f}",
                carrier_en,
                s.truck_count,
                "",
            ]
        )
        names_en.append(en.mentions[first_en:])
        row_text = " | ".join(str(v) for v in rows_ar[-1])
        ar.events.append({**event_record(story, e, row_text), "row": i + 2, "sheet": "الشحنات"})
    totals: dict[int, tuple[int, int, float]] = {}
    for s in story.shipments:
        year = s.event.date.year
        b, t, v = totals.get(year, (0, 0, 0.0))
        totals[year] = (b + s.barrels, t + s.tonnes, v + s.barrels * s.price_usd)
    summary = [[year, b, t, round(v, 2)] for year, (b, t, v) in sorted(totals.items())]
    last = story.shipments[-1].event.date
    book = WorkbookSpec(
        sheets=[
            SheetSpec(
                "الشحنات",
                _AR_HEADER,
                rows_ar,
                rtl=True,
                note=marking("ar"),
                widths=[6, 12, 12, 14, 18, 10, 12, 12, 14, 14, 26, 10, 26],
            ),
            SheetSpec(
                "ملخص",
                ["السنة", "مجموع البراميل", "مجموع السماد (طن)", "القيمة (دولار)"],
                summary,
                rtl=True,
                note=marking("ar"),
            ),
        ],
        author=story.cast["rikaz_clerk"].canonical,
        title="سجل شحنات النفط والسماد",
        created=dates.stamp(story.shipments[0].event.date, 9),
        modified=dates.stamp(last, 18, 45),
    )
    paths = [
        plan.add(
            "finance",
            "سجل_الشحنات_1436-1437.xlsx",
            Job(render_xlsx, (book,)),
            FileTruth(
                path="",
                kind="spreadsheet",
                format="xlsx",
                language="ar",
                title=book.title,
                date=last.isoformat(),
                metadata={
                    "author": book.author,
                    "created": book.created.isoformat(),
                    "modified": book.modified.isoformat(),
                },
                entities=ar.entities(),
                events=ar.events,
            ),
        )
    ]
    # the CSV: only the 2015 rows, exported for someone who reads English
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([MARK_LINE_EN])
    writer.writerow(_EN_HEADER)
    csv_events: list[dict[str, Any]] = []
    written = Composer(story, "en", rng)
    for row, names, s in zip(rows_en, names_en, story.shipments, strict=True):
        if s.event.date.year == 2015:
            writer.writerow(row)
            written.mentions += names
            csv_events.append(
                {**event_record(story, s.event, ",".join(str(v) for v in row)), "row": len(csv_events) + 3}
            )
    paths.append(
        plan.add(
            "finance",
            "shipments_2015_export.csv",
            Job(literal, (out.getvalue().encode("utf-8-sig"),)),
            FileTruth(
                path="",
                kind="spreadsheet",
                format="csv",
                language="en",
                title="shipments 2015 (export)",
                date="2015-12-31",
                entities=written.entities(),
                events=csv_events,
            ),
        )
    )
    paths.append(_payroll(plan))
    return paths


def _payroll(plan: Plan) -> str:
    story, rng = plan.story, plan.rng("payroll")
    c = Composer(story, "ar", rng)
    rows: list[list[Any]] = []
    for i, r in enumerate(story.recruits, start=1):
        salary = 50 + (50 if r.marital.ar == "متزوج" else 0) + rng.choice((0, 0, 35, 70))
        rows.append(
            [
                i,
                c.record(r.person.mention("ar", rng, "kunya")),
                story.world.nationalities[r.person.nationality].ar,
                r.job.ar,
                c.name(rng.choice(["raqqa", "tabqa", "deir", "palmyra", "maskanah"])),
                salary,
                "USD",
            ]
        )
    month = dt.date(2016, 1, 31)
    book = WorkbookSpec(
        sheets=[
            SheetSpec(
                "كشف الرواتب",
                ["الرقم", "الكنية", "الجنسية", "العمل", "القاطع", "الراتب", "العملة"],
                rows,
                rtl=True,
                note=marking("ar"),
            )
        ],
        author=story.cast["jund_head"].canonical,
        title="كشف رواتب ديوان الجند",
        created=dates.stamp(month, 11),
        modified=dates.stamp(month, 12, 10),
    )
    return plan.add(
        "finance",
        "payroll_jund_1437-04.xlsx",
        Job(render_xlsx, (book,)),
        FileTruth(
            path="",
            kind="spreadsheet",
            format="xlsx",
            language="ar",
            title=book.title,
            date=month.isoformat(),
            metadata={"author": book.author},
            entities=c.entities(),
        ),
    )
