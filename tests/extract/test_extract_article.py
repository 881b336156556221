"""extract_article on hand-built documents: metadata rules, block rules, drops."""

from flashpoint.extract import extract_article
from flashpoint.records import Article, Document, Dropped, hash_text
from flashpoint.settings import Settings

SETTINGS = Settings()
PARAGRAPH = (
    "The foreign ministry said on Monday that talks with the neighbouring government would resume next "
    "week, after a pause of several months caused by a dispute over the border crossing."
)


def extract(text: str, fmt: str = "markdown", **meta) -> Article | Dropped:
    return extract_article(Document(source="t.md", text=text, format=fmt, meta=meta), settings=SETTINGS)


def test_title_byline_date_and_emphasis_markers():
    article = extract(f"[Home](/)\n\n# The **Talks** Resume\n\nBy **Jane Doe**, correspondent\n\nPublished: 5 January 2020\n\n"
                      f"*A standfirst in italics.*\n\n{PARAGRAPH} **Adel Abdul Mahdi** met [the envoy](https://x.example).")
    assert article.title == "The Talks Resume"
    assert article.author == "Jane Doe"
    assert article.published == "2020-01-05"
    assert article.text.startswith("A standfirst in italics.\n\nThe foreign ministry")
    assert article.text.endswith("Adel Abdul Mahdi met the envoy.")
    assert article.id == hash_text(article.text)


def test_date_formats_and_written_by():
    for line, iso in (("January 5, 2020", "2020-01-05"), ("2020-01-05", "2020-01-05"),
                      ("Published 14.05.2024", "2024-05-14"), ("Sept. 12, 2023", "2023-09-12")):
        article = extract(f"# Title\n\nWritten by Omar Haddad\n\n{line}\n\n{PARAGRAPH}")
        assert (article.author, article.published) == ("Omar Haddad", iso)


def test_name_and_date_on_one_line_and_two_authors():
    article = extract(f"# T\n\nMarko Ilić | 24 September 2023 | Last updated 25 September 2023\n\n{PARAGRAPH}")
    assert (article.author, article.published) == ("Marko Ilić", "2023-09-24")
    article = extract(f"# T\n\n*By Erik Johansson in Stockholm and Anna Kovács in Budapest*\n\n{PARAGRAPH}")
    assert article.author == "Erik Johansson and Anna Kovács"


def test_tags_from_labelled_lines():
    article = extract(f"# T\n\nRegion: Europe, Black Sea\nTopic: Security\n\n{PARAGRAPH}\n\nPosted in Myanmar | Tagged border, junta")
    assert article.tags == ("Europe", "Black Sea", "Security", "Myanmar", "border", "junta")
    assert "Region" not in article.text and "Tagged" not in article.text


def test_wire_dateline_is_trimmed_and_dated_with_year_from_elsewhere():
    article = extract(f"# T\n\nBAGHDAD, Jan 5 (Wire) — Iraq's parliament voted on Sunday to expel foreign troops. {PARAGRAPH}\n\n"
                      "Copyright 2020 Wire.")
    assert article.text.startswith("Iraq's parliament voted on Sunday")
    assert article.published == "2020-01-05"


def test_text_title_is_first_short_unpunctuated_line():
    article = extract(f"WORLD | NEWS\n\nRival governments trade blame after dams collapse\n\n{PARAGRAPH}", fmt="text")
    assert article.title == "Rival governments trade blame after dams collapse"
    assert article.text == PARAGRAPH


def test_newsletter_box_between_rules_and_footer_after_copyright():
    article = extract(f"# T\n\n{PARAGRAPH}\n\n---\n\n**Newsletter**\n\nGet the top stories every morning.\n\n"
                      f"[Sign up](/s)\n\n---\n\n{PARAGRAPH}\n\n© 2024 Example Post\nAbout Us\nContact\nCareers")
    assert article.text == f"{PARAGRAPH}\n\n{PARAGRAPH}"


def test_author_bio_at_the_end_is_dropped():
    article = extract(f"# T\n\nBy Aminata Diallo\n\n{PARAGRAPH}\n\n{PARAGRAPH}\n\nAminata Diallo is a researcher based in Dakar.")
    assert article.text == f"{PARAGRAPH}\n\n{PARAGRAPH}"


def test_front_matter_and_jsonl_meta():
    article = extract(f"---\ntitle: Front\nauthor: A Writer\npublished: 2024-07-30\ntags: [X, Y]\n---\n\n# Front\n\n{PARAGRAPH}")
    assert (article.title, article.author, article.published, article.tags) == ("Front", "A Writer", "2024-07-30", ("X", "Y"))
    article = extract(PARAGRAPH, fmt="jsonl", title="Meta title", date="2021-03-02", url="https://e.example/a")
    assert (article.title, article.published, article.url) == ("Meta title", "2021-03-02", "https://e.example/a")


def test_drop_codes():
    assert extract("Share this article\n\n© 2020 Example").code == "D101"
    assert extract("# T\n\nA short note.").code == "D102"
    french = ("Le gouvernement irakien a demandé lundi le retrait des troupes étrangères du pays après une série "
              "d'attaques contre des bases militaires dans la région de Bagdad, selon plusieurs responsables.")
    dropped = extract(french)
    assert isinstance(dropped, Dropped) and dropped.code == "D204" and dropped.source == "t.md"
    bad_date = extract(PARAGRAPH, fmt="jsonl", date="the day after tomorrow-ish sometime")
    assert bad_date.code == "D203" and "could not be parsed" in bad_date.detail


def test_short_english_text_is_not_judged_for_language():
    article = extract("# T\n\nTalks resumed in Doha on Monday between the rival delegations, officials from both sides said.")
    assert isinstance(article, Article)


def test_meta_line_variants():
    for line, author, iso in (
        ("Posted on January 9, 2020 by Sam Carter | 14 Comments", "Sam Carter", "2020-01-09"),
        ("January 5, 2020 / 5:18 PM / Updated January 6, 2020", None, "2020-01-05"),
        ("Commentary · 8 April 2020 · Reading time: 4 min", None, "2020-04-08"),
        ("June 12, 2020 at 8:45 a.m. EDT", None, "2020-06-12"),
        ("12 October 2023 - Geneva", None, "2023-10-12"),
    ):
        article = extract(f"# Title\n\n{line}\n\n{PARAGRAPH}")
        assert (article.author, article.published, article.text) == (author, iso, PARAGRAPH), line


def test_masthead_date_before_title_and_listed_chrome():
    article = extract(f"THE BRIEFING — Issue 9 — Sunday 15 March 2020\n\n# T\n\n{PARAGRAPH}\n\nMost read\n\n"
                      "1. Iran vows revenge\n2. Oil prices jump")
    assert (article.published, article.text) == ("2020-03-15", PARAGRAPH)


def test_every_extraction_drop_names_its_input() -> None:
    for fmt, text in (("text", "Too short."), ("markdown", "# Title\n\nShare this article"),
                      ("html", "<html><body><p>Short.</p></body></html>")):
        result = extract_article(Document(source=f"folder/input.{fmt}", text=text, format=fmt), settings=Settings())
        assert isinstance(result, Dropped) and result.detail.startswith(f"folder/input.{fmt}: "), result
