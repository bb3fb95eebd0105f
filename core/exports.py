"""Files for a spreadsheet: CSV as Excel in Belgium opens it, and never a formula.

Belgian spreadsheets (Excel in French or Dutch) read ";" between columns; the file is
UTF-8 with a byte-order mark, without which Excel reads the accents of the names wrong,
and its lines end with CRLF.

A cell that begins like a formula ("=", "+", "-", "@", a tab or a carriage return) is run
by the spreadsheet when the file is opened: a name typed as `=HYPERLINK("http://…")` would
become a link, and worse. Such a cell gets a leading apostrophe, which spreadsheets hide.
Every cell of every export goes through `safe_cell`; only numbers pass as they are: Python
numbers, and the numbers the app wrote itself as text (`Number`, e.g. "-7,45"), so that a
negative amount stays a number for the spreadsheet.
"""

import csv
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class Number(str):
    """A number the app wrote itself as text, e.g. an amount with a decimal comma ("-7,45"):
    written as it is, so the spreadsheet reads a number."""

    __slots__ = ()


def safe_cell(value: object) -> object:
    """The cell as a spreadsheet must get it: text beginning like a formula gets a leading
    apostrophe ("=1+1" → "'=1+1"); numbers and `Number` stay as they are."""
    if value is None or isinstance(value, int | float | Decimal | Number):
        return value
    text = str(value)  # also a lazy translation, or a date
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, header: Iterable, rows: Iterable[Iterable]) -> HttpResponse:
    """A CSV file to download as `filename`, for a spreadsheet in Belgium (see the module's
    docstring): the header line, then the rows, every cell made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(value) for value in header])
    writer.writerows([safe_cell(value) for value in row] for row in rows)
    return response
