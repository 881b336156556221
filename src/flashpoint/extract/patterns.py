"""Named regular expressions for page chrome and metadata lines in markdown and plain-text exports.

Every pattern runs on one line's plain text (markdown removed), case-insensitively unless noted.
Chrome patterns name calls to action (imperatives and fixed site phrases), not topics: a news
sentence about a treaty that a parliament voted to "subscribe to" or a copyright lawsuit must not
match. tests/golden/extraction holds pages with such sentences; tests/extract pins them.
"""

from __future__ import annotations

import re

FLAGS = re.IGNORECASE

# --- page chrome -------------------------------------------------------------------------------

SHARE_WORDS = frozenset(
    "share shares this article story page post on via the to facebook twitter x email e-mail print tweet "
    "copy link whatsapp linkedin telegram reddit pinterest bluesky threads messenger save bookmark gift for later "
    "printer-friendly version".split()
)
SHARE_ACTION_WORDS = frozenset("share tweet print email copy whatsapp facebook twitter linkedin gift save".split())
SHARE_PHRASE = re.compile(
    r"(\b(please )?share (it|this)( (article|story|post|newsletter))?( with (a )?(friend|colleague)s?)?[.!]?$"
    r"|\bforward (it|this( email| newsletter)?) to a (friend|colleague)"
    r"|\bforwarded this email\b|\bwas this forwarded to you\b|^if you (found|find|enjoyed|liked|enjoy) (this|it|the)\b.*\b(share|forward|subscribe|support|donate)\b)",
    FLAGS,
)
REPOST = re.compile(
    r"\b(cross-?post|re-?post|republish|reuse this content|reprint (this|our)|republication)\b", FLAGS
)
PAYWALL = re.compile(
    r"(\bsubscribe (now|today|to (continue|read|keep reading|unlock|get full|support us))\b"
    r"|\bsubscribers?[- ]only\b|\balready a subscriber\b|\bfree articles? (left|remaining)\b"
    r"|\bunlimited access\b|\bpaid subscribers\b|\bthis is a free preview\b|\blog ?in to (continue|read)\b|\bsubscribe for as little as\b"
    r"|\bdisable your ad ?blocker\b|\byou have \d+ free\b|\bthis (article|story) is for subscribers\b"
    r"|^subscribe$)",
    FLAGS,
)
MEMBERSHIP = re.compile(
    r"((^|[.!?:—–-]\s*)become an? (member|patron|supporter|subscriber|sustainer)\b|\bsupport (us|our (journalism|work|research|reporting|mission|reporters))\b"
    r"|\bsupport (independent|fact-based|our)( \w+){0,2} (journalism|analysis|reporting|research|newsroom)\b|\bgive now\b"
    r"|\bdonate (now|today|here)\b|^donate$|\bmake a (donation|contribution)\b|\bconsider (making )?a (contribution|donation)\b"
    r"|\bchip in\b|\bgive \$\d+|\breader-(supported|funded)\b|\b(readers|people) like you\b|\breaders support it\b"
    r"|^join (now|us)\b|\bgift of any size\b|^thanks for reading\b|\bsupport (independent|fact-based) (journalism|analysis|reporting)\b)",
    FLAGS,
)
COMMENT_PROMPT = re.compile(
    r"(\bleave a (comment|reply)\b|\bjoin the (discussion|conversation)\b|\bin the comments( below)?\b"
    r"|^comments? (are closed|\(\d+\))|^\d+ comments?$|^comments?$|\bsign in to comment\b|^tell us what you think\b"
    r"|^have a view on this\b|\bwrite to us at\b|^what do you think\?|\byour email address will not be published\b"
    r"|\brequired fields are marked\b|^like this:?$|^like loading\b|\bcommunity guidelines\b|^we welcome your comments\b)",
    FLAGS,
)
NEWSLETTER = re.compile(
    r"(\bsign up (for|to) (our|the)\b|\bsign up here\b|^sign up\b|\bmailing list\b|\b(type|enter) your email\b"
    r"|\bsubscribe to our (podcast|channel|newsletter|alerts)\b|^newsletters?:?$|\bin your inbox\b"
    r"|^get .*\b(every|each) (morning|day|week|evening)\b|\bdaily newsletter\b|\bview this email in your browser\b"
    r"|\byou are receiving this\b|\bunsubscribe\b|\bupdate (your )?preferences\b|\bstop receiving\b"
    r"|^email( address)?:?$|^stay informed\b|\breply to this email\b|^that's all for (this week|today)\b"
    r"|\bdo not reply to this\b|\bmanage your alert|\bturn on notifications\b|\bnever miss an?\b)",
    FLAGS,
)
DISCLAIMER = re.compile(
    r"(^disclaimer\b|\b(views|opinions) expressed (in|are|here)\b|\bdo(es)? not necessarily reflect\b"
    r"|\bnot responsible for the content of external\b)",
    FLAGS,
)
COPYRIGHT = re.compile(
    r"(^©|^\(c\)\s|\(c\)\s*\d{4}\b|©\s*\d{4}|^copyright\s*(©\s*)?\d{4}|\bcopyright ©|\bcopyright \d{4}\b|\ball rights reserved\.?$"
    r"|\bredistribution prohibited\b"
    r"|\bmay not be (published|reproduced|broadcast|rewritten|redistributed)\b|^fair use( notice)?\b"
    r"|\bpowered by wordpress\b)",
    FLAGS,
)
AUTHOR_ARCHIVE = re.compile(
    r"^(more (by|from) (?!the )|view all posts by\b|about the authors?\b|all (articles|posts|stories) by\b|more from this (author|writer)\b"
    r"|see more by\b|read more (by|from)\b)",
    FLAGS,
)
IMAGE_CREDIT = re.compile(
    r"(^(photo|image|picture|pic|photograph|illustration|video|graphic)s?( credit)?\s*:|^credit\s*:|^(photo|photograph|photos|pictures?|images?) by\b"
    r"|\((photo|image|picture)s? (by|credit|:)|\bvia getty images\b|^(illustration|graphic|video|photo illustration) by\b)",
    FLAGS,
)
SOCIAL_FOLLOW = re.compile(
    r"(^follow (us|me|our|\w+) (on|at)\b|\bfollow (us|him|her|me|them) on\b|\bfollow us @|^follow\b.{0,50}\bon (social media|twitter|x|facebook|instagram|telegram)\b|\blike our facebook\b|^follow our live coverage\b"
    r"|^find us on\b)",
    FLAGS,
)
CONTACT = re.compile(
    r"(\bfor (media|press) (inquiries|enquiries)\b|^(media|press) contacts?\b|^contact( us)?:?$|^contact the (author|writer)\b"
    r"|\bfor more information,? (please )?contact\b|^notes? (to|for) editors\b|\bavailable for syndication\b|^have a (story|tip)\b|\bemail us at\b"
    r"|[\w.+-]+@[\w-]+\.[\w.]+|\+\d[\d ()-]{8,}\d)",
    FLAGS,
)
COOKIE = re.compile(r"(\bwe use cookies\b|\buse of cookies\b|\baccept (all )?cookies\b|\bcookie (policy|settings|preferences)\b)", FLAGS)
WIRE_CREDIT = re.compile(
    r"^(\(?\s*(additional )?(reporting|writing|editing|compiled|graphics) by\b|our standards\b|editing by\b)", FLAGS
)
CORRECTIONS = re.compile(r"(^found an? (error|typo|mistake)\b|^report an? (typo|error|correction)\b|\bcorrections policy\b)", FLAGS)
RELATED_LABEL = re.compile(
    r"^(related( coverage| articles?| stories| posts| content| reading| links| experts)?|read (more|next|also)|also read"
    r"|more (on this (story|topic)|stories|news)|recommended( for you)?|most (read|popular|viewed|shared)( \w+)?|see also"
    r"|you (may|might) also like|top stories|latest news|trending|advertisement|sponsored( content)?|skip to (main )?content"
    r"|previous (article|post)|next (article|post)|about us|advertise|careers|privacy( policy)?|terms( of (use|service))?)\s*:?$",
    FLAGS,
)
KICKER_LABEL = re.compile(
    r"^(analysis|opinion|commentary|comment|news|explainer|editorial|feature|features|breaking( news)?|live"
    r"|exclusive|interview|press release|world|world news|politics|perspective|long read|briefing|dispatch)$",
    FLAGS,
)
READ_TIME = re.compile(
    r"^(\d+\s*(min|mins|minute|minutes)( read)?|min(ute)?s? read:?\s*\d+|reading time:?\s*\d+\s*(min|mins|minutes)"
    r"|listen to this (article|story).*|\d+ comments?)$",
    FLAGS,
)
SITE_FURNITURE = re.compile(
    r"(^(sponsored|this (week|issue)'s sponsor|paid (post|content)|promoted)\b|\bappears in the .{0,40}print edition\b"
    r"|^a version of this (article|story) appeared\b|^(cite this|how to cite|suggested citation)\b|\bquotes delayed\b"
    r"|^[-\s]*ends[-\s]*$|^related \w+:)",
    FLAGS,
)

# --- line structure (raw markdown) -------------------------------------------------------------

HORIZONTAL_RULE = re.compile(r"^\s{0,3}(([-*_=])\s*){3,}$|^\s*--\s*$")
SETEXT_H1 = re.compile(r"^\s{0,3}=+\s*$")
SETEXT_H2 = re.compile(r"^\s{0,3}-+\s*$")
ATX_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+•]|\d{1,3}[.)])\s+(.*)$")
BLOCKQUOTE = re.compile(r"^\s*>\s?(.*)$")
MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
MD_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
AUTOLINK = re.compile(r"<(https?://|mailto:)[^>]+>")
HTML_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
NAV_SEPARATORS = re.compile(r"[\s|·•>»/*\-–—,:]+")
BREADCRUMB = re.compile(r"^[\w .&'-]{1,30}(\s+(?:>>?|»|/)\s+[\w .&'-]{1,30}){1,6}$")

# --- metadata -----------------------------------------------------------------------------------

MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
WEEKDAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?"
FULL_DATE = re.compile(
    rf"(?:{WEEKDAY}\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}(?:[T ][\d:.]+(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|\d{{1,2}}[./]\d{{1,2}}[./]\d{{4}})",
    FLAGS,
)
TIME_OF_DAY = re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*(?:gmt|utc|[a-z]{2,4}t|[+-]\d{1,2}))?\b", FLAGS)
DATE_LABEL = re.compile(
    r"^(published( on| at)?|updated( on| at)?|last updated( on)?|posted( on)?|filed( on)?|date|first published"
    r"|press release|dated|issued)\s*:?\s*",
    FLAGS,
)
META_SEPARATORS = re.compile(r"\s+[|·•/]\s+|\s*\|\s*|\s+·\s+|\s+[-–—]\s+")
BYLINE = re.compile(r"^(?:by|written by|words by|words|author|authors|posted by|reporter|text)\s*:?\s+(.+)$", FLAGS)
BYLINE_LABELS_NEEDING_COLON = ("words", "reporter", "text")
NON_PERSON_BYLINE_LINE = re.compile(r"^(staff( reporters?| writers?)?( and agencies)?|agencies|wire services?|news desk|web desk)$", FLAGS)
BYLINE_ROLE_WORDS = frozenset(
    "editor correspondent reporter fellow writer columnist analyst contributor staff desk newsroom team director "
    "professor researcher associate chief senior bureau political diplomatic security affairs program programme".split()
)
NON_PERSON_BYLINE = re.compile(r"\b(desk|staff|newsroom|team|editors|editorial board|agencies|wire services?)\b", FLAGS)
NAME_TOKEN = re.compile(r"^(?:[A-Z][\w'’.-]*|(?:al|el|bin|van|von|de|da|du|le|la)-?\w*|[\w.]+_[\w.]*)$")
NAME_CONNECTORS = frozenset(("and", "&"))
TAG_LINE = re.compile(
    r"^(?P<label>tags?|topics?|regions?|keywords|categories|category|filed under|posted in|tagged(?: with)?|sections?"
    r"|explore more on these topics|more on|subjects?|themes?)\s*(?P<sep>:\s*|\s+)(?P<value>.+)$",
    FLAGS,
)
TAG_LABELS_NEEDING_COLON = frozenset(("tag", "tags", "topic", "topics", "region", "regions", "keywords", "category", "section", "sections",
                                      "categories", "subject", "subjects", "theme", "themes", "more on"))
PUBLISHED_PHRASE = re.compile(r"\b(originally )?published\b", FLAGS)
YEAR = re.compile(r"\b(19[5-9]\d|20\d{2})\b")
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z.'’ -]{1,40}?)"
    rf"(?:,\s*(?P<date>(?i:{MONTH})\s+\d{{1,2}}))?"
    r"(?:\s*\((?P<agency>[^)]{1,40})\))?"
    r"\s*(?P<dash>—|–|--|-)\s+(?=[A-Z\"'“‘])",
)
BIO_VERBS = re.compile(r"^\s*(is|was|covers|writes|reports|has (been|covered|written|reported)|serves|teaches|leads|works)\b")
