"""Build the benchmark corpus: perturbed copies of the demo corpus, no two alike after extraction.

Used by benchmarks/throughput.py. Top-level imports stay stdlib-only (spawned workers may re-import it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

DEMO_CORPUS = Path(__file__).resolve().parents[1] / "src" / "flashpoint" / "demo_corpus"
TEXT_SUFFIXES = {".md": "markdown", ".txt": "text"}
WIRE_FILE = "wire.jsonl"
# Records per generated JSON Lines file: several records per file, like a real wire dump.
WIRE_RECORDS_PER_FILE = 50
# Paragraphs shorter than this are headings, captions or chrome, never perturbed.
BODY_MIN_CHARS = 100
# A paragraph counts as body when its first KEY_CHARS letters and digits appear in the extracted base article.
KEY_CHARS = 60
NOT_ALNUM = re.compile(r"[^a-z0-9]+")
TAG = re.compile(r"<[^>]+>")
# A count followed by a lower-case word ("500 people"), not a day of the month ("14 June").
COUNT_NUMBER = re.compile(r"\b(\d{1,3})(?= [a-z])")
HTML_PARAGRAPH = re.compile(r"<p>(.*?)</p>", re.DOTALL)
PEOPLE = ("Omar Saleh", "Hana Kareem", "Ali Jassim", "Noor Haddad", "Karim Aziz", "Leila Mansour", "Yasin Talib",
          "Sara Nouri", "Hussein Abbas", "Dana Rashid", "Mahmoud Faris", "Zainab Hamid", "Bilal Yousef")
ROLES = ("local council member", "police spokesman", "tribal elder", "provincial official", "hospital director",
         "rights monitor", "school teacher")
PLACES = ("Mosul", "Kirkuk", "Najaf", "Karbala", "Ramadi", "Samarra", "Nasiriyah", "Hilla", "Kut", "Tikrit",
          "Amarah", "Fallujah")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
SENTENCES = (
    "{person}, a {role} in {place}, said {n} families had left their homes by {day}.",
    "In {place}, {person} told reporters that {n} people had gathered near the main square on {day}.",
    "{person}, a {role}, said about {n} vehicles were checked at roadblocks outside {place} on {day}.",
    "Officials in {place} said on {day} that {n} men had been detained, according to {person}, a {role}.",
)
# The inserted sentence's count starts here and grows with the variant number, so variants never coincide.
FIRST_COUNT = 7

def load_bases() -> list[dict]:
    """Return the demo corpus inputs used as templates: markdown, text, wire records and HTML pages."""
    bases = []
    for folder in ("markdown", "text"):
        for path in sorted((DEMO_CORPUS / folder).iterdir()):
            if path.suffix in TEXT_SUFFIXES:
                bases.append({"format": TEXT_SUFFIXES[path.suffix], "name": path.stem, "text": path.read_text()})
    for index, line in enumerate((DEMO_CORPUS / WIRE_FILE).read_text().splitlines()):
        if line.strip():
            bases.append({"format": "jsonl", "name": f"wire{index}", "record": json.loads(line)})
    for path in sorted((DEMO_CORPUS / "html").glob("*.html")):
        bases.append({"format": "html", "name": path.stem, "text": path.read_text()})
    return bases


def make_sentence(variant: int) -> str:
    """Return a varied body sentence, unique per variant number."""
    template = SENTENCES[variant % len(SENTENCES)]
    return template.format(person=PEOPLE[variant % len(PEOPLE)], role=ROLES[variant % len(ROLES)],
                           place=PLACES[variant % len(PLACES)], day=DAYS[variant % len(DAYS)],
                           n=FIRST_COUNT + variant)


def normalize_text(text: str) -> str:
    """Return text lower-cased with tags, markup and everything but letters and digits removed."""
    return NOT_ALNUM.sub("", TAG.sub("", text).lower())


def is_body_paragraph(text: str, kept: str) -> bool:
    """Return True for a long paragraph whose opening survives extraction of the base (so it is article prose)."""
    key = normalize_text(text)[:KEY_CHARS]
    return len(text.strip()) >= BODY_MIN_CHARS and len(key) == KEY_CHARS and key in kept


def extracted_body(base: dict) -> str:
    """Return the normalized body flashpoint extracts from an unperturbed base (what the cleaner keeps)."""
    from flashpoint.extract import extract_article
    from flashpoint.records import Document
    from flashpoint.settings import Settings

    if base["format"] == "jsonl":
        record = base["record"]
        meta = {k: v for k, v in record.items() if k != "text" and isinstance(v, str)}
        doc = Document(source=base["name"], text=record["text"], format="jsonl", meta=meta)
    else:
        doc = Document(source=base["name"], text=base["text"], format=base["format"])
    article = extract_article(doc, settings=Settings())
    if not hasattr(article, "text"):
        raise ValueError(f"demo input {base['name']} is dropped by extraction: {article}")
    return normalize_text(article.text)


def perturb_paragraphs(paragraphs: list[str], body: list[int], variant: int) -> list[str]:
    """Return paragraphs with middle body paragraphs rotated, counts varied and a varied sentence inserted.

    The first body paragraph (lead or wire dateline) and the last (often an author bio) stay where they are.
    """
    out = list(paragraphs)
    middle = body[1:-1]
    if len(middle) >= 2:
        shift = variant % len(middle)
        rotated = [paragraphs[i] for i in middle[shift:] + middle[:shift]]
        for index, text in zip(middle, rotated):
            out[index] = text
    targets = middle or body
    counted = targets[(variant + 1) % len(targets)]
    out[counted] = COUNT_NUMBER.sub(lambda m: str(int(m.group(1)) + 1 + variant % 9), out[counted])
    inserted = targets[variant % len(targets)]
    out[inserted] = out[inserted].rstrip() + " " + make_sentence(variant)
    return out


def perturb_text(text: str, variant: int, kept: str) -> str:
    """Return a markdown or plain-text article perturbed inside its body paragraphs."""
    paragraphs = text.split("\n\n")
    body = [i for i, p in enumerate(paragraphs) if is_body_paragraph(p, kept)]
    if not body:
        raise ValueError("no body paragraph to perturb")
    return "\n\n".join(perturb_paragraphs(paragraphs, body, variant))


def perturb_html(page: str, variant: int, kept: str) -> str:
    """Return an HTML page perturbed inside its plain <p> body paragraphs."""
    matches = list(HTML_PARAGRAPH.finditer(page))
    inner = [m.group(1) for m in matches]
    body = [i for i, text in enumerate(inner) if is_body_paragraph(text, kept)]
    if not body:
        raise ValueError("no body paragraph to perturb")
    changed = perturb_paragraphs(inner, body, variant)
    pieces, last = [], 0
    for match, text in zip(matches, changed):
        pieces += [page[last:match.start()], f"<p>{text}</p>"]
        last = match.end()
    return "".join(pieces) + page[last:]


def build_corpus(folder: Path, articles: int) -> dict[str, int]:
    """Write ``articles`` perturbed inputs under folder (bases in turn); return how many of each format."""
    bases = load_bases()
    kept = [extracted_body(base) for base in bases]
    counts: dict[str, int] = {}
    wire: list[str] = []
    for folder_name in ("markdown", "text", "html", "wire"):
        (folder / folder_name).mkdir(parents=True, exist_ok=True)
    for number in range(articles):
        index, variant = number % len(bases), number // len(bases)
        base = bases[index]
        counts[base["format"]] = counts.get(base["format"], 0) + 1
        if base["format"] == "jsonl":
            record = dict(base["record"], text=perturb_text(base["record"]["text"], variant, kept[index]))
            wire.append(json.dumps(record, ensure_ascii=False))
            continue
        perturb = perturb_html if base["format"] == "html" else perturb_text
        perturbed = perturb(base["text"], variant, kept[index])
        suffix = {"markdown": ".md", "text": ".txt", "html": ".html"}[base["format"]]
        (folder / base["format"] / f"{number:05d}-{base['name']}{suffix}").write_text(perturbed)
    for start in range(0, len(wire), WIRE_RECORDS_PER_FILE):
        chunk = wire[start:start + WIRE_RECORDS_PER_FILE]
        (folder / "wire" / f"wire-{start // WIRE_RECORDS_PER_FILE:03d}.jsonl").write_text("\n".join(chunk) + "\n")
    return counts
