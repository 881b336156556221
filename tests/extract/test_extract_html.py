"""The html stage on real pages: main text without chrome, metadata, precedence of source metadata, bad pages."""

from flashpoint.extract import extract_article
from flashpoint.extract.html import extract_main_text
from flashpoint.records import Article, Document, Dropped, hash_text
from flashpoint.settings import Settings

SETTINGS = Settings()
PARAGRAPHS = (
    "Several rockets struck Camp Taji north of Baghdad on Wednesday evening, killing two American soldiers "
    "and a British medic, officials from the international coalition said in a statement.",
    "The attack was the deadliest against the coalition in Iraq in years. No group claimed responsibility, "
    "but officials in Washington pointed to an Iran-backed militia that has fired at bases before.",
    "The defence secretary said the United States would respond at a time and place of its choosing, "
    "and the Iraqi government announced an investigation into who launched the rockets.",
)
TITLE = "Rockets kill three coalition soldiers at Iraqi base"


def make_page(paragraphs=PARAGRAPHS, *, title=TITLE, lang="en", date_meta=True) -> str:
    """Return a news page with realistic chrome around the article."""
    date = '<meta property="article:published_time" content="2020-03-11T19:30:00Z">' if date_meta else ""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} | The Daily Courier</title>
<meta name="author" content="Jane Doe"><meta property="og:site_name" content="The Daily Courier">{date}
<meta property="og:title" content="{title}"><meta name="keywords" content="Iraq, Camp Taji, coalition"></head>
<body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience. <button>Accept all</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
<li><a href="/sport">Sport</a></li></ul></nav></header>
<main><article>
<h1>{title}</h1>
<div class="byline">By <a href="/authors/jane-doe" rel="author">Jane Doe</a> · March 11, 2020</div>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a> <a href="#">Email</a></div>
<div class="article-body">{body}</div>
<aside class="newsletter"><h3>Sign up for our newsletter</h3><p>Get the top stories in your inbox every morning.</p>
<form><input type="email"><button>Subscribe</button></form></aside>
</article>
<section class="related"><h2>Related stories</h2><ul><li><a href="/a">Protesters gather in Baghdad square</a></li>
<li><a href="/b">Oil prices fall after OPEC meeting ends without deal</a></li></ul></section>
</main>
<footer><p>© 2020 The Daily Courier. All rights reserved.</p><a href="/privacy">Privacy policy</a> <a href="/terms">Terms</a></footer>
</body></html>"""


def extract(html: str, **meta) -> Article | Dropped:
    return extract_article(Document(source="page.html", text=html, format="html", meta=meta), settings=SETTINGS)


def test_main_text_and_metadata_come_out_without_chrome() -> None:
    article = extract(make_page())
    assert isinstance(article, Article)
    assert article.text == "\n\n".join(PARAGRAPHS)
    assert article.id == hash_text(article.text)
    assert (article.title, article.author, article.published, article.site) == (
        TITLE, "Jane Doe", "2020-03-11", "The Daily Courier")
    assert article.tags == ("Iraq", "Camp Taji", "coalition")
    assert (article.format, article.source, article.language) == ("html", "page.html", "en")
    for chrome in ("cookies", "Share on", "newsletter", "Subscribe", "Related stories", "All rights reserved"):
        assert chrome not in article.text


def test_source_metadata_wins_and_capture_date_is_only_a_fallback() -> None:
    article = extract(make_page(), title="Feed title", date="2020-03-12", url="https://news.example/taji",
                      tags=("Security", "iraq"))
    assert article.tags == ("Security", "iraq", "Camp Taji", "coalition")
    assert (article.title, article.published, article.url) == ("Feed title", "2020-03-12", "https://news.example/taji")
    dated_page = extract(make_page(), fallback_date="2021-01-01")
    assert dated_page.published == "2020-03-11"
    undated_page = extract(make_page(date_meta=False).replace(" · March 11, 2020", ""), fallback_date="2021-01-01")
    assert undated_page.published == "2021-01-01"


def test_page_without_article_text_is_dropped_empty() -> None:
    html = "<html><head><title>Home</title></head><body><nav><a href='/'>Home</a> <a href='/w'>World</a></nav></body></html>"
    result = extract(html)
    assert isinstance(result, Dropped) and result.code == "D101"
    assert result.source == "page.html" and "page.html" in result.detail and "\n" not in result.detail


def test_short_page_is_dropped_too_short() -> None:
    # With almost no article text trafilatura falls back to the byline and share links, which read as not English.
    result = extract(make_page(("Rockets hit the base.",)))
    assert isinstance(result, Dropped) and result.code in ("D101", "D102", "D204")
    result = extract_article(Document(source="p.html", text=make_page(PARAGRAPHS[:1]), format="html"),
                             settings=Settings(min_article_chars=1_000))
    assert isinstance(result, Dropped) and result.code == "D102"


def test_non_english_page_is_dropped() -> None:
    french = (
        "Plusieurs roquettes ont frappé une base militaire au nord de Bagdad mercredi soir, tuant deux soldats "
        "américains et une infirmière britannique, selon un communiqué de la coalition internationale.",
        "Aucun groupe n'a revendiqué l'attaque, mais les responsables à Washington ont désigné une milice "
        "soutenue par l'Iran qui a déjà visé des bases dans le pays au cours des derniers mois.",
    )
    result = extract(make_page(french, title="Des roquettes frappent une base", lang="fr"))
    assert isinstance(result, Dropped) and result.code == "D204"


def test_truncated_and_garbage_html_never_crash() -> None:
    page = make_page()
    truncated = page[: page.index(PARAGRAPHS[2]) + 60]
    article = extract(truncated)
    assert isinstance(article, Article) and article.text.startswith(PARAGRAPHS[0])
    garbage = ("<<html><bo dy><p<p>>></div></div></span><script>var x = '<p>';</script>&&&#xZZZ;"
               "<table><tr><td>cell" * 50)
    for html in (garbage, "", "   ", "<", "<!DOCTYPE html>", "\ufffd" * 500, "<p>" * 5_000):
        result = extract(html)
        assert isinstance(result, (Article, Dropped))


def test_extract_main_text_matches_the_article_body() -> None:
    page = make_page()
    assert extract_main_text(page) == extract(page).text
    assert extract_main_text("<html><body></body></html>") is None
