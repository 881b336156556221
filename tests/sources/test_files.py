"""Reading files and folders: formats by suffix, JSON Lines records, and bad inputs dropped with codes."""

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
    (tmp_path / "latin1.txt").write_bytes("caf\xe9 au lait".encode("latin-1"))
    (tmp_path / "huge.txt").write_text("x" * 3_000, encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    missing = tmp_path / "nowhere.md"
    items = read([tmp_path, missing])
    codes = {Path(d.source).name: d.code for d in items}
    assert codes == {"binary.txt": "D104", "empty.md": "D101", "huge.txt": "D103", "image.png": "D107",
                     "latin1.txt": "D105", "nowhere.md": "D106"}
    for dropped in items:
        assert "\n" not in dropped.detail and Path(dropped.source).name in dropped.detail
