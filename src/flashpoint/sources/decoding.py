"""Raw bytes in, text out: read a file under the size cap, then decode it the way browsers do.

Order of evidence: a byte-order mark, then a charset the transport declared (HTTP Content-Type),
then the page's own `<meta charset>` / XML declaration, then strict UTF-8, then UTF-8 with stray
legacy bytes (mixed encodings: a UTF-8 page with pasted Windows-1252 quotes), then charset-normalizer
for wholly legacy pages. Bytes that none of these decode are dropped with D105; NUL bytes without a
UTF-16/32 byte-order mark mean a binary file (D104).
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import charset_normalizer

from ..records import Dropped
from ..settings import Settings

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# HTML5 requires the meta charset within the first 1024 bytes; a little slack for sloppy pages.
DECLARATION_SNIFF_BYTES = 2048
BINARY_SNIFF_BYTES = 8192
DECLARED_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""",
    re.IGNORECASE,
)
# A well-formed multi-byte UTF-8 sequence: evidence the page is UTF-8 even when a few bytes are not.
UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
# More invalid sequences than this means the bytes are not UTF-8 with strays but another encoding.
MAX_STRAY_SEQUENCES = 64
# Browsers (WHATWG) read latin-1 and unlabelled Western pages as windows-1252.
LEGACY_WESTERN = "cp1252"
ENCODING_ALIASES = {"latin-1": LEGACY_WESTERN, "latin1": LEGACY_WESTERN, "iso-8859-1": LEGACY_WESTERN,
                    "us-ascii": LEGACY_WESTERN, "ascii": LEGACY_WESTERN}


def read_capped_bytes(path: Path, *, settings: Settings) -> bytes | Dropped:
    """Return a file's bytes, or a Dropped when it is over the size cap, unreadable or empty."""
    try:
        size = path.stat().st_size
        if size > settings.max_input_bytes:
            return Dropped(str(path), "D103", f"{path}: {size} bytes is over the {settings.max_input_bytes}-byte cap")
        data = path.read_bytes()
    except OSError as exc:
        return Dropped(str(path), "D106", f"{path}: cannot read ({exc.strerror or exc})")
    if not data.strip():
        return Dropped(str(path), "D101", f"{path}: file is empty")
    return data


def decode_document(data: bytes, *, source: str, declared: str | None = None) -> str | Dropped:
    """Return the decoded text of a page's bytes, or a Dropped (D104 binary, D105 undecodable)."""
    bom = decode_with_bom(data)
    if bom is not None:
        return bom
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        return Dropped(source, "D104", f"{source}: looks binary (contains NUL bytes)")
    text = decode_bytes(data, declared=declared)
    if text is None:
        return Dropped(source, "D105", f"{source}: bytes fit no known text encoding (not UTF-8, no usable charset)")
    return text


def decode_with_bom(data: bytes) -> str | None:
    """Return the text when the bytes start with a Unicode byte-order mark that decodes them, else None."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def decode_bytes(data: bytes, *, declared: str | None = None) -> str | None:
    """Return text decoded by the declared charset, the page's own declaration, UTF-8 or detection; else None."""
    for encoding in (declared, find_declared_charset(data)):
        text = decode_strict(data, encoding)
        if text is not None:
            return text
    text = decode_strict(data, "utf-8")
    if text is not None:
        return text
    if is_mostly_utf8(data):
        return decode_mixed(data)
    return detect_and_decode(data)


def find_declared_charset(data: bytes) -> str | None:
    """Return the charset named by a `<meta charset>` or XML declaration near the top, else None."""
    match = DECLARED_CHARSET.search(data[:DECLARATION_SNIFF_BYTES])
    if match is None:
        return None
    return (match.group(1) or match.group(2)).decode("ascii").lower()


def decode_strict(data: bytes, encoding: str | None) -> str | None:
    """Return data decoded with a (browser-aliased) encoding, or None when unknown or invalid."""
    if not encoding:
        return None
    name = ENCODING_ALIASES.get(encoding.lower(), encoding)
    try:
        return data.decode(name)
    except (LookupError, UnicodeDecodeError):
        return None


def is_mostly_utf8(data: bytes) -> bool:
    """Return True when the bytes hold valid UTF-8 sequences and only a few invalid ones."""
    if UTF8_MULTIBYTE.search(data) is None:
        return False
    strays = len(data.decode("utf-8", errors="replace").split("\ufffd")) - 1
    return strays <= MAX_STRAY_SEQUENCES


def decode_mixed(data: bytes) -> str:
    """Return UTF-8 text where each invalid byte run is read as windows-1252 instead."""
    parts: list[str] = []
    position = 0
    while position < len(data):
        try:
            parts.append(data[position:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            parts.append(data[position:position + exc.start].decode("utf-8"))
            parts.append(data[position + exc.start:position + exc.end].decode(LEGACY_WESTERN, errors="replace"))
            position += exc.end
    return "".join(parts)


def detect_and_decode(data: bytes) -> str | None:
    """Return text in the encoding charset-normalizer finds most coherent (windows-1252 on a tie), else None."""
    matches = list(charset_normalizer.from_bytes(data))
    if not matches:
        return None
    best = matches[0]
    tied = [m for m in matches if (m.chaos, m.coherence) == (best.chaos, best.coherence)]
    chosen = next((m for m in tied if m.encoding == LEGACY_WESTERN), best)
    return str(chosen)
