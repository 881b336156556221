"""Decoding page bytes: byte-order marks, declared charsets, UTF-8, mixed encodings, legacy detection, failures."""

import random

from flashpoint.records import Dropped
from flashpoint.sources.decoding import decode_document, find_declared_charset

TEXT = "The minister’s “final offer” was rejected — talks in Genève collapsed, said Müller."
RUSSIAN = "Министр иностранных дел заявил, что переговоры с соседним государством возобновятся на следующей неделе."


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>t</title></head><body><p>{body}</p></body></html>"


def decode(data: bytes, declared: str | None = None) -> str | Dropped:
    return decode_document(data, source="p.html", declared=declared)


def test_byte_order_marks_win() -> None:
    html = page(TEXT, '<meta charset="windows-1252">')
    assert TEXT in decode(b"\xef\xbb\xbf" + html.encode("utf-8"))
    assert TEXT in decode(html.encode("utf-16"))
    assert TEXT in decode(html.encode("utf-32"))


def test_meta_charset_and_xml_declaration_are_obeyed() -> None:
    assert TEXT in decode(page(TEXT, '<meta charset="windows-1252">').encode("cp1252"))
    # Browsers read a latin-1 label as windows-1252, whose curly quotes latin-1 lacks.
    assert TEXT in decode(page(TEXT, '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">').encode("cp1252"))
    xml = f'<?xml version="1.0" encoding="windows-1251"?><html><body><p>{RUSSIAN}</p></body></html>'
    assert RUSSIAN in decode(xml.encode("cp1251"))
    assert find_declared_charset(b'<meta charset="UTF-8">') == "utf-8"
    assert find_declared_charset(b"<html><body>no declaration</body></html>") is None


def test_transport_charset_comes_before_the_page_and_unknown_labels_are_ignored() -> None:
    data = page(RUSSIAN, '<meta charset="utf-8">').encode("cp1251")
    assert RUSSIAN in decode(data, declared="windows-1251")
    assert TEXT in decode(page(TEXT, '<meta charset="x-no-such-charset">').encode("utf-8"))


def test_undeclared_utf8_and_undeclared_legacy_pages() -> None:
    assert TEXT in decode(page(TEXT).encode("utf-8"))
    assert RUSSIAN in decode(page(RUSSIAN * 3).encode("cp1251"))
    western = "Le président a déclaré que la réunion à Genève était très importante pour l’économie."
    assert western in decode(page(western * 3).encode("cp1252"))


def test_mixed_encodings_keep_both_parts() -> None:
    data = page("Talks in Genève: ").encode("utf-8") + "“final offer” rejected".encode("cp1252") + b" ok"
    text = decode(data)
    assert isinstance(text, str)
    assert "Talks in Genève: " in text and "“final offer” rejected ok" in text


def test_binary_and_undecodable_bytes_are_dropped() -> None:
    binary = decode(b"GIF89a\x00\x01\x02\x03" * 20)
    assert isinstance(binary, Dropped) and binary.code == "D104"
    noise = random.Random(0).randbytes(4000).replace(b"\x00", b"\x01")
    undecodable = decode(noise)
    assert isinstance(undecodable, Dropped) and undecodable.code == "D105"
    assert undecodable.detail.startswith("p.html:") and "\n" not in undecodable.detail
