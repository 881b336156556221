"""Build src/flashpoint/demo_corpus/archive.warc.gz deterministically from three demo HTML pages.

The archive holds, in this order (record index = position in the file, as flashpoint's WARC reader counts):
  #0 warcinfo
  #1 response  https://example.org/news/basra-activists-killed      (html/basra-activists-killed.html)
  #2 response  https://example.org/news/kadhimi-ankara-erdogan      (html/kadhimi-ankara-erdogan.html)
  #3 response  https://example.org/static/logo.png                  (a 1x1 PNG: not an article)
  #4 response  https://example.org/news/sinjar-agreement            (html/sinjar-agreement-baghdad-erbil.html)

Record ids and WARC-Dates are fixed and the gzip members carry no timestamp, so re-running gives the same
bytes (checked with sha256sum). Needs warcio:

    python tools/build_demo_warc.py [--out PATH]
"""

from __future__ import annotations

import argparse
import hashlib
import struct
import uuid
import zlib
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "src" / "flashpoint" / "demo_corpus"
OUT = CORPUS / "archive.warc.gz"
# A fixed namespace turns each record's URL into the same record id on every run.
RECORD_ID_NAMESPACE = uuid.UUID("6f1c1f3a-2b1e-4c7e-9a55-0d3c2f6f7a10")
CRAWL_DATE = "2020-12-20T10:00:00Z"
PAGES = (
    ("https://example.org/news/basra-activists-killed", "html/basra-activists-killed.html", "2020-12-20T10:00:05Z"),
    ("https://example.org/news/kadhimi-ankara-erdogan", "html/kadhimi-ankara-erdogan.html", "2020-12-20T10:00:09Z"),
    ("https://example.org/news/sinjar-agreement", "html/sinjar-agreement-baghdad-erbil.html", "2020-12-20T10:00:21Z"),
)
IMAGE = ("https://example.org/static/logo.png", "2020-12-20T10:00:12Z")


def make_record_id(name: str) -> str:
    """Return a stable WARC-Record-ID for a record name."""
    return f"<urn:uuid:{uuid.uuid5(RECORD_ID_NAMESPACE, name)}>"


def make_png() -> bytes:
    """Return a valid 1x1 grey PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        """Return one PNG chunk: length, type, data, CRC."""
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")


def write_response(writer: WARCWriter, url: str, body: bytes, content_type: str, date: str) -> None:
    """Write one HTTP 200 response record with fixed id and date."""
    http_headers = StatusAndHeaders("200 OK", [("Content-Type", content_type), ("Content-Length", str(len(body)))],
                                    protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=BytesIO(body), length=len(body), http_headers=http_headers,
        warc_headers_dict={"WARC-Date": date, "WARC-Record-ID": make_record_id(url)})
    writer.write_record(record)


def write_warcinfo(writer: WARCWriter, filename: str) -> None:
    """Write the leading warcinfo record describing the crawl."""
    info = {"software": "flashpoint tools/build_demo_warc.py", "format": "WARC File Format 1.1",
            "description": "flashpoint demo corpus: three saved news pages and one image"}
    record = writer.create_warcinfo_record(filename, info)
    record.rec_headers.replace_header("WARC-Date", CRAWL_DATE)
    record.rec_headers.replace_header("WARC-Record-ID", make_record_id("warcinfo"))
    writer.write_record(record)


def build_archive(out: Path) -> str:
    """Write the archive to ``out`` and return its sha256."""
    buffer = BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="WARC/1.1")
    write_warcinfo(writer, OUT.name)  # the published name, so --out elsewhere gives the same bytes
    for url, relative, date in PAGES[:2]:
        write_response(writer, url, (CORPUS / relative).read_bytes(), "text/html; charset=utf-8", date)
    write_response(writer, IMAGE[0], make_png(), "image/png", IMAGE[1])
    url, relative, date = PAGES[2]
    write_response(writer, url, (CORPUS / relative).read_bytes(), "text/html; charset=utf-8", date)
    out.write_bytes(buffer.getvalue())
    return hashlib.sha256(buffer.getvalue()).hexdigest()


def main() -> None:
    """Build the archive and print its path and sha256."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    print(args.out, build_archive(args.out))


if __name__ == "__main__":
    main()
