"""Each chrome class is recognised; body sentences that use the same words in a news sense are kept."""

import pytest

from flashpoint.extract.lines import LINE_RULES, classify_line
from flashpoint.extract.markdown import classify_structure

CHROME = [
    ("share", "Share this article: [Facebook](https://f.example) | [Twitter](https://t.example)"),
    ("share", "Share | Tweet | Email | Print"),
    ("share", "If you enjoy The Brief, forward it to a friend or colleague."),
    ("repost", "Feel free to crosspost this article with a link back to the original."),
    ("repost", "Republish this story: you may republish this article for free."),
    ("paywall", "You have 3 free articles left this month. Already a subscriber? [Log in](/login)"),
    ("paywall", "Subscribe to continue reading."),
    ("membership", "**Enjoying this article?** Become a member and support independent analysis."),
    ("membership", "Our work is only possible because of readers like you. Please consider making a contribution."),
    ("comments", "Leave a Reply"),
    ("comments", "Tell us what you think: join the discussion in the comments below."),
    ("newsletter", "Sign up for our daily newsletter."),
    ("newsletter", "You are receiving this email because you subscribed. [Unsubscribe](/u)"),
    ("disclaimer", "*The views expressed in this piece are those of the author and do not necessarily reflect ours.*"),
    ("copyright", "© 2020 The Example Review. All rights reserved."),
    ("copyright", "Copyright 2023 Newswire. This material may not be published, broadcast or redistributed."),
    ("author_archive", "More by Laila Hassan"),
    ("author_archive", "View all posts by Omar Al-Sayed"),
    ("image_credit", "Photo: Ahmed Jalil/EPA"),
    ("image_credit", "![Protesters in the square](https://img.example/p.jpg)"),
    ("navigation", "[Home](/) | [World](/world) | [Middle East](/mideast)"),
    ("navigation", "Home > Africa > Somalia"),
    ("navigation", "Read more: [Election commission faces scrutiny](https://example.in/ec)"),
    ("social", "Follow us on Twitter @Example and like our Facebook page."),
    ("contact", "For media inquiries, please contact press@example.org."),
    ("contact", "Have a story? Email us at tips@example.com"),
    ("cookie", "We use cookies to improve your experience. By continuing to browse, you agree."),
    ("wire_credit", "(Reporting by Khalid Abdelaziz; Editing by Tom Baker)"),
    ("corrections", "Found an error? Tell our corrections team."),
    ("furniture", "This article appears in the September 2020 print edition under the headline \"Two Patrons\"."),
    ("furniture", "Sponsored: Trade smarter with real-time market data"),
    ("furniture", "Cite this: Okafor, D. (2020). \"The Coalition Shrinks.\" Commentary."),
    ("membership", "Support independent Kurdish journalism — become a member."),
    ("paywall", "This is a free preview. Members get unlimited access to our archive."),
    ("newsletter", "Join our mailing list for new briefs and event invitations."),
    ("social", "Follow The Capital Ledger on social media: Twitter · Facebook · Instagram"),
    ("share", "❤ 214 · 💬 37 · Share"),
    ("author_archive", "About the author: Daniel Okafor is a non-resident fellow at the Institute."),
    ("copyright", "(c) Frontier Press Agency 2020. All rights reserved. Redistribution prohibited."),
    ("kicker", "OPINION"),
    ("kicker", "4 min read"),
]

BODY = [
    "Lawmakers voted 112 to 64 on Tuesday to subscribe to the regional conventional arms treaty.",
    "Copyright law became the latest battleground in the campaign on Friday when a broadcaster sued.",
    "All rights reserved to the broadcaster under the 1957 act, the suit argues, cannot be overridden.",
    "The minister said the country would share intelligence with its neighbours and donate surplus rifles.",
    "The European Union said the law was incompatible with Georgia's bid to become a member of the bloc.",
    "\"Share this list,\" it urged readers, \"so no one can say later that they did not know.\"",
    "The ministry said it had lost contact with the convoy near the border on Sunday evening.",
    "One opposition newsletter published the names of every lawmaker who voted in favour.",
    "Members of the alliance said they would support Sweden and Finland in defending the Baltic Sea.",
    "Critics said the country's share of regional exports, about a fifth, would make it the largest.",
    "Opposition deputies followed the debate from the gallery and commented on the vote afterwards.",
]


@pytest.mark.parametrize("expected, raw", CHROME)
def test_chrome_line_is_classified(expected, raw):
    assert classify_line(classify_structure(0, raw)) == expected


@pytest.mark.parametrize("raw", BODY)
def test_body_sentence_is_kept(raw):
    assert classify_line(classify_structure(0, raw)) is None


def test_every_registered_rule_has_a_chrome_example():
    assert {name for name, _ in CHROME} == set(LINE_RULES)
