"""The dashboard's tables as CSV: the same protected figures as the page."""

from __future__ import annotations

import csv
import io

from evidence.charts import SUPPRESSED_MARK
from evidence.tables import Table

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> str:
    """Render one CSV cell; text a spreadsheet would run as a formula gets a leading quote."""
    if value is None:
        return SUPPRESSED_MARK
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def table_csv(table: Table) -> str:
    """Return ``table`` as CSV: the same protected figures as the page, suppressed as [c]."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    levels = any(row.level for row in table.rows)
    level = ["level"] if levels else []
    writer.writerow([csv_safe(table.row_header), *level, *map(csv_safe, table.columns)])
    for row in table.rows:
        row_level = [row.level] if levels else []
        writer.writerow([csv_safe(row.label), *row_level, *map(csv_safe, row.cells)])
    return buffer.getvalue()
