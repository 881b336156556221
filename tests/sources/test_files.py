"""Reading files and folders: formats by suffix, JSON Lines records, and bad inputs dropped with codes."""

import json
from pathlib import Path

from flashpoint.records import Document, Dropped
from flashpoint.settings import Settings
from flashpoint.sources import read_documents

SETTINGS = Settings(max_input_bytes=2_000)


def read(paths: list[Path]) -> list:
    return list(read_documents([str(p) for p in paths], settings=SETTINGS))


def test_folder_is_read_recursively_with_formats_by_suffix(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.md").write_text("# Title\n\nBody.", encoding="utf-8")
    (tmp_path / "two.txt").write_text("Plain body.", encoding="utf-8")
    (tmp_path / ".hidden.md").write_text("skip me", encoding="utf-8")
    items = read([tmp_path])
    assert [(Path(d.source).name, d.format) for d in items] == [("one.md", "markdown"), ("two.txt", "text")]


def test_jsonl_records_carry_metadata_and_bad_lines_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text(
        '{"text": "Rockets hit the base.", "title": "T", "date": "2020-03-11", "url": "https://example.org/a"}\n'
        "not json\n"
        '{"title": "no text"}\n'
        "[1, 2]\n"
        '{"text": "Second.", "author": "A. Writer"}\n',
        encoding="utf-8",
    )
    items = read([path])
    docs = [i for i in items if isinstance(i, Document)]
    drops = [i for i in items if isinstance(i, Dropped)]
    assert [d.meta.get("title") for d in docs] == ["T", None]
    assert docs[0].meta["date"] == "2020-03-11" and docs[1].meta["author"] == "A. Writer"
    assert [d.locator for d in docs] == [f"{path}#0", f"{path}#4"]
    assert [(d.code, d.source) for d in drops] == [("D201", f"{path}#1"), ("D202", f"{path}#2"), ("D201", f"{path}#3")]


def test_bad_files_are_dropped_with_one_line_reasons(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_text("  \n", encoding="utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02 abc")
    (tmp_path / "huge.txt").write_text("x" * 3_000, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    missing = tmp_path / "nowhere.md"
    items = read([tmp_path, missing])
    codes = {Path(d.source).name: d.code for d in items}
    assert codes == {"binary.txt": "D104", "empty.md": "D101", "huge.txt": "D103", "image.png": "D107",
                     "nowhere.md": "D106"}
    for dropped in items:
        assert "\n" not in dropped.detail and Path(dropped.source).name in dropped.detail


def test_legacy_and_utf16_encodings_are_decoded(tmp_path: Path) -> None:
    text = "The envoy from Bogotá met officials in Erbil; the café near the ministry stayed closed."
    (tmp_path / "latin1.txt").write_bytes(text.encode("latin-1"))
    (tmp_path / "utf16.md").write_bytes(text.encode("utf-16"))
    (tmp_path / "mixed.txt").write_bytes(text.encode("utf-8") + " Caf\xe9 owners agreed.".encode("latin-1"))
    docs = {Path(d.source).name: d.text for d in read([tmp_path])}
    assert docs["latin1.txt"] == docs["utf16.md"] == text
    assert docs["mixed.txt"] == text + " Café owners agreed."


def test_jsonl_size_cap_applies_to_each_record_not_the_file(tmp_path: Path) -> None:
    path = tmp_path / "big.jsonl"
    small = json.dumps({"text": "Iran fired missiles at Iraq. " * 20})  # ~600 bytes, under the 2,000-byte cap
    large = json.dumps({"text": "Iran fired missiles at Iraq. " * 100})  # ~3,000 bytes
    path.write_text("\n".join([small, large, small, small]) + "\n", encoding="utf-8")
    assert path.stat().st_size > SETTINGS.max_input_bytes
    items = read([path])
    assert [type(i).__name__ for i in items] == ["Document", "Dropped", "Document", "Document"]
    assert items[1].code == "D103" and items[1].source == f"{path}#1"


def test_a_json_string_may_hold_unicode_line_separators(tmp_path: Path) -> None:
    path = tmp_path / "sep.jsonl"
    path.write_text(json.dumps({"text": "Line one\u2028line two."}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert [d.text for d in read([path])] == ["Line one\u2028line two."]


def test_the_event_store_in_an_input_folder_is_not_an_input(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Title\n\nBody text.", encoding="utf-8")
    (tmp_path / "fp.duckdb").write_bytes(b"DUCK")
    (tmp_path / "fp.duckdb.wal").write_bytes(b"WAL")
    settings = Settings(db=str(tmp_path / "fp.duckdb"))
    items = list(read_documents([str(tmp_path)], settings=settings))
    assert [Path(i.source).name for i in items] == ["a.md"]
