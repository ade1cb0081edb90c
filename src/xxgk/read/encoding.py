"""Stage: bytes → text.  Encodings real reports come in: UTF-8 with or without BOM,
UTF-16 with BOM, GB18030/GBK, ``<meta charset>`` for HTML, charset-normalizer as the
last resort.

A file in one of these encodings with a few undecodable bytes — cut in the middle of
a character, or a stray byte — is decoded with the replacement character ``�`` in
their place and the count is kept (:class:`Decoded`): the report still parses and
carries a ``read.undecodable_bytes`` note (:func:`decoding_notes`).  A file with many
undecodable bytes in every candidate encoding is not text in any of them and stays
refused (``read.encoding``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from xxgk.errors import ReadError
from xxgk.read.document import Document
from xxgk.report import Note

_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
_ASCII_BYTES = bytes(range(128))
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_GB = ("gbk", "gb2312", "gb18030")
# U+FFFD as the encodings print it: a replacement character already in the file is no
# decoding error of ours
_REPLACEMENT_BYTES = {"utf-8": "\ufffd".encode(), "gb18030": "\ufffd".encode("gb18030")}
# a lossy decode is taken only when the undecodable bytes are this rare among the
# non-ASCII bytes (a file cut mid-character has one; GBK read as UTF-8 has one in two,
# UTF-8 read as GB18030 about one in sixty) ...
LOSSY_MAX_SHARE = 1 / 1000
LOSSY_MIN_ALLOWED = 4  # ... or no more than this many, in a short file
META_KEY = "undecodable_bytes"  # Document.meta: how many bytes were replaced
META_ENCODING = "encoding"


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    undecodable: int = 0  # bytes (runs of bytes) replaced by U+FFFD

    def mark(self, doc: Document) -> Document:
        """Record a lossy decode on the document it produced (for :func:`decoding_notes`)."""
        if self.undecodable:
            doc.meta[META_KEY] = str(self.undecodable)
            doc.meta[META_ENCODING] = self.encoding
        return doc


def looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if not sample or sample[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


def _lossy(data: bytes, encoding: str) -> Decoded:
    text = data.decode(encoding, errors="replace")
    errors = text.count("\ufffd")
    if errors:
        errors -= data.count(_REPLACEMENT_BYTES.get(encoding, b"\xff\xff\xff\xff"))
    return Decoded(text, encoding, max(errors, 0))


def decode_bytes(data: bytes, path: Path, kind: str = "text") -> Decoded:
    """Bytes → :class:`Decoded`; raises ``read.encoding`` when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _lossy(data[3:], "utf-8")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return _lossy(data, "utf-16")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    candidates = ["utf-8"]
    if kind == "html":
        m = _META_CHARSET_RE.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "ignore").lower()
            candidates.append("gb18030" if declared in _GB else declared)
    if "gb18030" not in candidates:
        candidates.append("gb18030")
    for enc in candidates[1:]:
        try:
            return Decoded(data.decode(enc), enc)
        except (UnicodeDecodeError, LookupError):
            continue
    # nearly right in one of them: the fewest undecodable bytes, if they are rare
    high = len(data.translate(None, _ASCII_BYTES))
    allowed = max(LOSSY_MIN_ALLOWED, int(high * LOSSY_MAX_SHARE))
    best: Decoded | None = None
    for enc in candidates:
        try:
            d = _lossy(data, enc)
        except LookupError:
            continue
        if best is None or d.undecodable < best.undecodable:
            best = d
    if best is not None and best.undecodable <= allowed:
        return best
    from charset_normalizer import from_bytes

    guess = from_bytes(data).best()
    if guess is None:
        raise ReadError("无法识别文件的文字编码（既不是UTF-8也不是GB18030/GBK）", code="read.encoding", path=str(path))
    return Decoded(str(guess), str(guess.encoding))


def decoding_notes(doc: Document) -> list[Note]:
    """A ``read.undecodable_bytes`` note for a document decoded with replacements
    (located at the first line with a replacement character)."""
    count = doc.meta.get(META_KEY)
    if not count:
        return []
    source = next((line.source for line in doc.lines if "\ufffd" in line.text), None)
    encoding = doc.meta.get(META_ENCODING, "")
    return [
        Note(
            "read.undecodable_bytes",
            f"文件中有{count}处字节无法按{encoding.upper()}解码，已用替换字符“\ufffd”代替；其余内容照常解析，"
            "受影响的文字可能读不出",
            source=source,
        )
    ]
