"""The records of a hidden sheet in format 3 (src/xlsx/columns.h, docs/sheets.md)."""


def hidden_records(meta, first_row):
    """Every record from A<first_row> on: fields joined by ',', records by ';', each cell at
    most 4,000 characters and nothing beside it; a cell that is not so is one bad record."""
    records = []
    for r in range(first_row, meta.max_row + 1):
        cell = meta.cell(row=r, column=1).value
        if not isinstance(cell, str) or len(cell) > 4000 or meta.cell(row=r, column=2).value:
            return [[f"bad cell A{r}: {cell!r}", None]]
        records += [rec.split(",") for rec in cell.split(";")]
    return records
