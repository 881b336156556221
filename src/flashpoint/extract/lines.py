"""Line classifiers: one small named rule per kind of page chrome, in one visible registry.

A rule takes a Line and says whether the whole line is chrome. Rules only look at lines short
enough to be chrome (CHROME_MAX_CHARS): a long paragraph is body even if it says "subscribe".
To add a kind of chrome, write an is_* function and add it to LINE_RULES.
"""

from __future__ import annotations

import re
from typing import Callable

from flashpoint.extract import patterns as P
from flashpoint.extract.markdown import Line, is_link_only

# Longest chrome line seen in the gold set is ~230 chars (a think-tank disclaimer); body paragraphs
# that mention "subscribe" or "copyright" in a news sense are longer. tests/golden/extraction.
CHROME_MAX_CHARS = 320
# Share bars are short: "Share this article: Facebook | Twitter | Email" is 7 words.
SHARE_BAR_MAX_WORDS = 12
# A short all-capitals line ("WORLD | CAUCASUS", "ADVERTISEMENT") is a section kicker, not body.
KICKER_MAX_WORDS = 4
WORD = re.compile(r"[\w'’-]+")

LineRule = Callable[[Line], bool]


def is_share_prompt(line: Line) -> bool:
    """Share bars ("Share | Tweet | Email") and share or forward requests."""
    words = [w.lower() for w in WORD.findall(line.plain) if not w.isdigit()]
    if words and len(words) <= SHARE_BAR_MAX_WORDS and all(w in P.SHARE_WORDS for w in words):
        return any(w in P.SHARE_ACTION_WORDS for w in words)
    return bool(P.SHARE_PHRASE.search(line.plain))


def is_repost_invitation(line: Line) -> bool:
    """Crosspost, repost, republish and reuse invitations."""
    return bool(P.REPOST.search(line.plain))


def is_paywall(line: Line) -> bool:
    """Paywall, metering and log-in lines."""
    return bool(P.PAYWALL.search(line.plain))


def is_membership_appeal(line: Line) -> bool:
    """Membership, patronage and donation appeals."""
    return bool(P.MEMBERSHIP.search(line.plain))


def is_comment_prompt(line: Line) -> bool:
    """Comment prompts and comment-section furniture."""
    return bool(P.COMMENT_PROMPT.search(line.plain))


def is_newsletter(line: Line) -> bool:
    """Newsletter sign-up boxes and e-mail furniture (unsubscribe, view in browser)."""
    return bool(P.NEWSLETTER.search(line.plain))


def is_disclaimer(line: Line) -> bool:
    """Editorial disclaimers ("views expressed are the author's own")."""
    return bool(P.DISCLAIMER.search(line.plain))


def is_copyright(line: Line) -> bool:
    """Copyright, rights-reserved and fair-use notices."""
    return bool(P.COPYRIGHT.search(line.plain))


def is_author_archive(line: Line) -> bool:
    """Author archive links ("More by ...", "View all posts by ...")."""
    return bool(P.AUTHOR_ARCHIVE.search(line.plain))


def is_image_credit(line: Line) -> bool:
    """Image lines and photo credits."""
    if P.MD_IMAGE.search(line.raw) and not P.MD_IMAGE.sub("", line.raw).strip(" *_"):
        return True
    return bool(P.IMAGE_CREDIT.search(line.plain))


def is_navigation(line: Line) -> bool:
    """Link-only lines, breadcrumbs, pipe-separated menus and related-links labels."""
    if is_link_only(line) or P.RELATED_LABEL.match(line.plain) or P.BREADCRUMB.match(line.plain):
        return True
    items = [item.strip() for item in line.plain.split("|")]
    return len(items) >= 3 and all(0 < len(item.split()) <= 3 and not item.endswith(".") for item in items)


def is_social_prompt(line: Line) -> bool:
    """Follow-us prompts for social media."""
    return bool(P.SOCIAL_FOLLOW.search(line.plain))


def is_contact_line(line: Line) -> bool:
    """Contact and media-inquiry lines, e-mail addresses and phone numbers."""
    return bool(P.CONTACT.search(line.plain))


def is_cookie_notice(line: Line) -> bool:
    """Cookie banners."""
    return bool(P.COOKIE.search(line.plain))


def is_wire_credit(line: Line) -> bool:
    """Wire-service credits ("(Reporting by ...; Editing by ...)") and standards links."""
    return bool(P.WIRE_CREDIT.search(line.plain))


def is_corrections_prompt(line: Line) -> bool:
    """Corrections and typo-report prompts."""
    return bool(P.CORRECTIONS.search(line.plain))


def is_site_furniture(line: Line) -> bool:
    """Sponsor lines, print-edition notes, citation prompts, market-data notes and end marks."""
    return bool(P.SITE_FURNITURE.search(line.plain))


def is_kicker(line: Line) -> bool:
    """Section kickers ("OPINION", "Analysis", "WORLD | CAUCASUS") and read-time labels."""
    text = line.plain.strip(" :")
    if P.KICKER_LABEL.match(text) or P.READ_TIME.match(text):
        return True
    words = WORD.findall(text)
    return 0 < len(words) <= KICKER_MAX_WORDS and text.upper() == text and any(c.isalpha() for c in text)


LINE_RULES: dict[str, LineRule] = {
    "share": is_share_prompt,
    "repost": is_repost_invitation,
    "paywall": is_paywall,
    "membership": is_membership_appeal,
    "comments": is_comment_prompt,
    "newsletter": is_newsletter,
    "disclaimer": is_disclaimer,
    "copyright": is_copyright,
    "author_archive": is_author_archive,
    "image_credit": is_image_credit,
    "navigation": is_navigation,
    "social": is_social_prompt,
    "contact": is_contact_line,
    "cookie": is_cookie_notice,
    "wire_credit": is_wire_credit,
    "corrections": is_corrections_prompt,
    "furniture": is_site_furniture,
    "kicker": is_kicker,
}

# Chrome after which the rest of a page is footer when only short lines follow (see blocks.py).
TERMINAL_RULES = frozenset(("copyright", "newsletter", "comments"))


def classify_line(line: Line) -> str | None:
    """Return the name of the first chrome rule a line matches, or None for body text."""
    if line.kind in ("blank", "rule") or len(line.plain) > CHROME_MAX_CHARS:
        return None
    if not line.plain:
        return "image_credit" if P.MD_IMAGE.search(line.raw) else "navigation"
    for name, rule in LINE_RULES.items():
        if rule(line):
            return name
    return None
