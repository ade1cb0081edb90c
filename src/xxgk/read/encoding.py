"""Stage: bytes → text.  Encodings real reports come in: UTF-8 with or without BOM,
UTF-16 with BOM, GB18030/GBK, ``<meta charset>`` for HTML, charset-normalizer as the
last resort."""

from __future__ import annotations

import re
from pathlib import Path

from xxgk.errors import ReadError

_CONTROL_BYTES = bytes([*range(9), *range(14, 32)])
_META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if not sample or sample[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
    return controls / len(sample) > 0.05


def decode(data: bytes, path: Path, kind: str = "text") -> str:
    """Bytes → text; raises ``read.encoding`` when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    declared: str | None = None
    if kind == "html":
        m = _META_CHARSET_RE.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "ignore").lower()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for enc in (declared, "gb18030"):
        if not enc:
            continue
        try:
            return data.decode("gb18030" if enc in ("gbk", "gb2312", "gb18030") else enc)
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ReadError("无法识别文件的文字编码（既不是UTF-8也不是GB18030/GBK）", code="read.encoding", path=str(path))
    return str(best)
