"""Stage: the values printed after one row label → one value per column.

When the number of values equals the number of columns the reading is direct.
Otherwise the possible readings are enumerated and a cell is kept only when
every reading that satisfies the row's own totals (总计 = sum of its columns,
from :mod:`xxgk.formats`) gives it the same value; every other cell is unread.
Nothing is ever filled in to make a row balance.

Readings considered:

* blank cells of a grid: trailing blanks are real cells; leading blanks beyond
  the column count are merged label cells (Word export);
* numbers split over lines (``1`` / ``62`` = 162): adjacent pieces joined;
* cells run together (``7000007``, ``0 0 00 00 0``): the digits cut into cells;
* a crawler that dropped consecutive duplicate lines: each value stands for a
  run of equal cells.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import combinations, pairwise
from math import comb

from xxgk.read.document import MEMO_MAX_CHARS
from xxgk.read.numbers import Parsed, digits_of
from xxgk.read.scan import Val

MAX_READINGS = 50_000  # ways to cut a row; beyond this the row is unread, not guessed

Constraint = tuple[int, tuple[int, ...]]  # (total column, member columns)


@dataclass
class Resolution:
    cells: list[Val | None]
    reasons: dict[int, str] = field(default_factory=dict)
    note: str | None = None
    note_code: str | None = None


def _unread_all(n: int, reason: str) -> Resolution:
    return Resolution([None] * n, dict.fromkeys(range(n), reason))


def _satisfies(values: Sequence[int], constraints: Sequence[Constraint]) -> bool:
    return all(values[t] == sum(values[m] for m in members) for t, members in constraints)


def _valid_piece(s: str) -> bool:
    return s.isdigit() and (s == "0" or s[0] != "0")


def _cuts(length: int, parts: int) -> Iterator[tuple[int, ...]]:
    """Every way to cut ``length`` items into ``parts`` non-empty runs (as boundaries)."""
    if parts > length or parts <= 0:
        return
    for inner in combinations(range(1, length), parts - 1):
        yield (0, *inner, length)


# A reading: per column (value, raw text, index of the printed value it comes from).
Reading = list[tuple[int, str, int]]


def _joined_readings(raws: tuple[str, ...], n: int) -> Iterator[Reading]:
    for cut in _cuts(len(raws), n):
        reading = []
        for a, b in pairwise(cut):
            s = "".join(raws[a:b])
            if not _valid_piece(s):
                break
            reading.append((int(s), s, a))
        else:
            yield reading


def _digit_readings(raws: tuple[str, ...], n: int) -> Iterator[Reading]:
    digits = "".join(raws).replace(" ", "")
    owner: list[int] = []
    for i, r in enumerate(raws):
        owner.extend([i] * len(r.replace(" ", "")))
    for cut in _cuts(len(digits), n):
        reading = []
        for a, b in pairwise(cut):
            s = digits[a:b]
            if not _valid_piece(s):
                break
            reading.append((int(s), s, owner[a]))
        else:
            yield reading


def _run_readings(raws: tuple[str, ...], n: int) -> Iterator[Reading]:
    for cut in _cuts(n, len(raws)):
        reading: Reading = []
        for i, (a, b) in enumerate(pairwise(cut)):
            reading.extend([(int(raws[i]), raws[i], i)] * (b - a))
        yield reading


_READINGS = {"joined": _joined_readings, "digits": _digit_readings, "runs": _run_readings}

# per column (the value as a number, the index of the printed value it comes from) or None
Solved = tuple[tuple[tuple[Parsed, int] | None, ...], tuple[tuple[int, str], ...], bool]


def _solve(mode: str, raws: tuple[str, ...], n: int, constraints: tuple[Constraint, ...]) -> Solved:
    """The cells on which every reading that keeps the row's totals agrees.
    Returns (cells, reasons for the others, whether any reading was valid).  A
    reason is ``(column, values)``; the values are the conflicting readings."""
    valid: list[Reading] = []
    length = len(raws) if mode == "joined" else len("".join(raws).replace(" ", "")) if mode == "digits" else n
    parts = len(raws) if mode == "runs" else n
    if parts > length or comb(length - 1, parts - 1) > MAX_READINGS:
        return (None,) * n, tuple((j, "many") for j in range(n)), False
    for reading in _READINGS[mode](raws, n):
        if _satisfies([v for v, _, _ in reading], constraints):
            valid.append(reading)
    if not valid:
        return (None,) * n, tuple((j, "none") for j in range(n)), False
    cells: list[tuple[Parsed, int] | None] = []
    reasons: list[tuple[int, str]] = []
    for j in range(n):
        values = {r[j][0] for r in valid}
        if len(values) == 1:
            value, raw, origin = valid[0][j]
            cells.append((Parsed("number", value, raw), origin))
        else:
            cells.append(None)
            reasons.append((j, "、".join(str(v) for v in sorted(values))))
    return tuple(cells), tuple(reasons), True


# (cells as in Solved, the reason of each unread column, the note or None when no reading is valid)
Recovered = tuple[tuple[tuple[Parsed, int] | None, ...], tuple[tuple[int, str], ...], str | None]


def _recover(mode: str, raws: tuple[str, ...], n: int, constraints: tuple[Constraint, ...], why: str) -> Recovered:
    """:func:`_solve` with its messages (``why``: how the row is damaged)."""
    cells, reasons, any_valid = _solve(mode, raws, n, constraints)
    if not any_valid:
        what = "可能的读法过多" if reasons and reasons[0][1] == "many" else "没有一种读法与本行合计相符"
        return (None,) * n, tuple((j, f"{why}，{what}，未作猜测") for j in range(n)), None
    return (
        cells,
        tuple((j, f"{why}，该单元格有多种可能的读法（{values}），未作猜测") for j, values in reasons),
        f"{why}，依本行合计唯一确定的单元格已读出",
    )


# Rows recur (a row of zeros run together): what a row recovers to is memoised, bounded
# in count (MAX_RECOVERED rows, then the memo starts again) and in size — the row's
# digits at most MEMO_MAX_CHARS, and the messages too: a row with many readings lists
# every value each cell could have, and such a result is computed each time.
MAX_RECOVERED = 4096
_RECOVERED: dict[tuple[str, tuple[str, ...], int, tuple[Constraint, ...], str], Recovered] = {}


def _recovered(mode: str, raws: tuple[str, ...], n: int, constraints: tuple[Constraint, ...], why: str) -> Recovered:
    key = (mode, raws, n, constraints, why)
    found = _RECOVERED.get(key)
    if found is None:
        found = _recover(*key)
        if sum(map(len, raws)) <= MEMO_MAX_CHARS and sum(len(r) for _, r in found[1]) <= MEMO_MAX_CHARS * 4:
            if len(_RECOVERED) >= MAX_RECOVERED:
                _RECOVERED.clear()
            _RECOVERED[key] = found
    return found


def _enumerate(vals: list[Val], n: int, constraints: Sequence[Constraint], mode: str, why: str) -> Resolution:
    raws = tuple([digits_of(v.parsed) for v in vals])
    cells, reasons, note = _recovered(mode, raws, n, tuple(constraints), why)
    res = Resolution([None] * n, dict(reasons), note, "read.recovered" if note is not None else None)
    for j, cell in enumerate(cells):
        if cell is not None:
            parsed, origin = cell
            o = vals[origin]
            res.cells[j] = Val(parsed, o.source, o.glued, o.grid_col)
    return res


def _integers(vals: list[Val]) -> bool:
    return all(
        v.parsed.kind == "number" and isinstance(v.parsed.value, int) and not v.parsed.unit and v.parsed.value >= 0
        for v in vals
    )


def direct_cells(vals: list[Val], n: int) -> list[Val] | None:
    """The cells of a row that prints its ``n`` values directly — exactly ``n``, or ``n``
    then only blanks (a grid's trailing cells, a row left blank) — else ``None``:
    the row needs :func:`resolve_row`.  The parser's common case, without a Resolution."""
    k = len(vals)
    if k == n:
        return vals
    if k < n:
        return None
    for j in range(n, k):
        if vals[j].parsed.kind != "blank":
            return None
    return vals[:n]


def resolve_row(
    vals: list[Val],
    n: int,
    constraints: Sequence[Constraint] = (),
    *,
    collapsed: bool = False,
    surplus_ok: bool = False,
) -> Resolution:
    """One value (or None) per column for the values printed in a row."""
    cells = direct_cells(vals, n)
    if cells is not None:
        return Resolution(list(cells))
    # fewer values than columns, or more than n before the trailing blanks
    end = len(vals)
    while end > 0 and vals[end - 1].blank:
        end -= 1
    core = vals[:end]
    if not core:
        return _unread_all(n, "该行没有数值")
    if len(core) > n:
        lead = 0
        while lead < len(core) and core[lead].blank:
            lead += 1
        if len(core) - n <= lead:
            return Resolution(list(core[len(core) - n :]))
        body = core[lead:]
        if constraints and _integers(body):
            return _enumerate(
                body, n, constraints, "joined", f"本行印有{len(body)}个数值而只有{n}列（数字可能跨行拆分）"
            )
        if surplus_ok:
            res = Resolution(list(core[:n]))
            extra = "、".join(v.parsed.raw for v in core[n:])
            res.note = f"本行印有{len(core)}个数值，表头只印{n}列，多出的数值（{extra}）未采用"
            res.note_code = "read.surplus_value"
            return res
        return _unread_all(n, f"本行印有{len(core)}个数值而只有{n}列，无法确定对应关系，未作猜测")
    # fewer values than columns
    if any(v.blank for v in core):
        return _unread_all(n, f"本行只有{len(core)}个单元格而应有{n}列，无法确定对应的列，未作猜测")
    if _integers(core) and (any(v.glued or v.parsed.weak for v in core)):
        return _enumerate(core, n, constraints, "digits", "本行单元格连在一起（无分隔符）")
    if collapsed and constraints and _integers(core):
        return _enumerate(core, n, constraints, "runs", "本行相同的连续数值被合并（来源页面删去了重复行）")
    return _unread_all(n, f"本行只有{len(core)}个数值而应有{n}列，无法确定对应的列，未作猜测")
