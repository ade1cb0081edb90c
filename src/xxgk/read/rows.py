"""Stage: scanned lines → the values printed for each row label.

* A label followed by values on its own line (a grid row) takes the values of
  that line — blank cells included, so a grid row left entirely blank is a row of
  blank cells.
* A label alone on its line (one cell per line, or a PDF row whose values
  wrapped) takes the values of the following lines up to the next label or text.
* A group heading (``（六）其他处理``) followed by values on its own line is a
  printed group row (a subtotal, or a group printed as one row without its
  sub-rows): its values are kept apart in ``Assembly.groups``.
* Layouts that detach labels from their value rows (Markdown from PDF): a row
  of values without a label and a label without values are paired in the order
  they appear, and a note says so.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field

from xxgk.read.document import TextToken, Token
from xxgk.read.labels import RowIndex
from xxgk.read.scan import Hit, ScannedLine, Val
from xxgk.report import Source


@dataclass
class RowRead:
    row: str
    at: Source | Token  # where its label was printed (see :class:`~xxgk.read.scan.Val`)
    line: int
    values: list[Val] = field(default_factory=list)
    detached: bool = False
    label: str = ""  # the label as printed
    approximate: bool = False

    @property
    def source(self) -> Source:
        at = self.at
        return at if isinstance(at, Source) else at.source

    def has_values(self) -> bool:
        for v in self.values:  # noqa: SIM110 - asked for every line of a table: a loop, no generator
            if v.parsed.kind != "blank":
                return True
        return False


@dataclass
class Assembly:
    rows: dict[str, RowRead] = field(default_factory=dict)
    empty: dict[str, RowRead] = field(default_factory=dict)  # label found, no values
    duplicates: list[RowRead] = field(default_factory=list)
    groups: dict[str, RowRead] = field(default_factory=dict)  # group heading -> values printed on its line


def _line_of(v: Val) -> int | None:
    """The line a value was printed on (a text token's own int: no Source built)."""
    at = v.at
    if type(at) is TextToken:
        return at.line_no
    return v.source.line


def _spacer_after_row(values: list[Val], blanks: list[Val]) -> bool:
    """One cell per line (Word export): a row's cells are on consecutive lines and an
    empty line ends the row; a tab-only line after that empty line is the merged label
    cell of the next row.  Taken as a blank cell of this row, it would stand for a
    missing value and shift the others (``1,2,4,5,6,21`` read into six columns)."""
    if len(blanks) != 1 or not values:
        return False
    first, last, blank = _line_of(values[0]), _line_of(values[-1]), _line_of(blanks[0])
    if first is None or last is None or blank is None:
        return False
    return last - first + 1 == len(values) and blank > last + 1


def assemble_rows(lines: list[ScannedLine], index: RowIndex) -> Assembly:
    out = Assembly()
    pending: deque[RowRead] = deque()  # labels without values, in order
    orphans: deque[tuple[list[Val], int]] = deque()  # value rows without labels, in order
    open_row: RowRead | None = None

    def finish(row: RowRead) -> None:
        if row.row in out.rows:
            out.duplicates.append(row)
            return
        out.empty.pop(row.row, None)
        out.rows[row.row] = row

    def close(row: RowRead | None) -> None:
        if row is None:
            return
        if row.has_values():
            finish(row)
        elif orphans:
            values, _ = orphans.popleft()
            row.values, row.detached = values, True
            finish(row)
        else:
            pending.append(row)
            if row.row not in out.rows:
                out.empty[row.row] = row

    def printed_group(group: RowRead | None) -> list[Val]:
        """Keep a group heading's values as a printed group row; the values taken."""
        if group is None or not group.has_values():
            return []
        out.groups.setdefault(group.row, group)
        return group.values

    header_rows, group_rows = index.header_rows, index.group_rows
    for sl in lines:
        items = sl.items
        if not items:
            continue  # nothing on the line: nothing opens, takes or closes
        on_line: RowRead | None = None  # the row whose label is on this line (then open_row)
        on_line_filled = False  # a value that is not blank taken by ``on_line``
        group: RowRead | None = None  # a group heading on this line, taking the values after it
        taken: list[Val] = []
        loose: list[Val] = []
        for item in items:
            if type(item) is Val:  # the common case first (items are exactly Hit, Val or Txt)
                if group is not None:
                    group.values.append(item)
                if on_line is not None:  # then open_row is on_line
                    on_line.values.append(item)
                    if not on_line_filled and item.parsed.kind != "blank":
                        on_line_filled = True
                else:
                    loose.append(item)
            elif type(item) is Hit:
                close(open_row)
                open_row = on_line = None
                on_line_filled = False
                if group is not None:
                    taken += printed_group(group)
                    group = None
                key = item.row
                if key in header_rows:
                    if key in group_rows:
                        group = RowRead(key, item.at, sl.index, label=item.text)
                    continue
                open_row = on_line = RowRead(key, item.at, sl.index, label=item.text, approximate=item.approximate)
            elif open_row is not None and (on_line_filled if on_line is not None else open_row.has_values()):
                close(open_row)  # a text after a row with values ends it
                open_row = on_line = None
                on_line_filled = False
        if group is not None:
            taken += printed_group(group)
        if taken:  # a group row's values are the group's, never another row's
            loose = [v for v in loose if all(v is not t for t in taken)]
        if loose:
            filled = [v for v in loose if v.parsed.kind != "blank"]
            whole_row = len(filled) >= 2 or len(sl.line.tokens) > 1
            if filled and whole_row and pending:
                target = pending.popleft()
                target.values, target.detached = loose, True
                finish(target)
                if open_row is not None and not open_row.has_values():
                    pending.append(open_row)
                    out.empty.setdefault(open_row.row, open_row)
                    open_row = None
            elif open_row is not None and open_row is not on_line:
                if filled or not _spacer_after_row(open_row.values, loose):  # a spacer: the next row's
                    open_row.values.extend(loose)  # merged label cell, not a blank cell of this row
            elif filled and whole_row:
                orphans.append((loose, sl.index))
        if on_line is not None and open_row is on_line:
            if on_line_filled:
                finish(on_line)  # close(): a row with values
                open_row = None
            elif on_line.values and len(sl.line.tokens) > 1:
                finish(on_line)  # a grid row whose cells are all blank: blank cells, not a missing row
                open_row = None
    close(open_row)
    for row in pending:
        if row.row not in out.rows:
            out.empty[row.row] = row
    return out
