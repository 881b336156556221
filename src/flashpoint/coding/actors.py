"""Resolve the noun phrase under a parse token to actors: name, ISO3 (or IGO code), sector, span."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ..records import Actor
from ..reference.countries import case_sensitive_phrases, country_by_iso3, country_phrases
from .entities import containing_entity
from .lexicon import ActorLexicon, AgentLexicon
from .roles import PATIENT_GENITIVE_NOUNS

# Determiners and possessive markers carry no actor information.
SKIP_LEMMAS = frozenset({"the", "a", "an", "'s", "’s", "'", "its", "their", "his", "her"})
# Modifiers that make an armed actor unattributed: "unidentified gunmen", "unknown groups".
UNKNOWN_MARKERS = frozenset({"unidentified", "unknown", "unnamed", "anonymous", "masked", "suspected"})
ARMED_HEADS = frozenset({
    "gunman", "gunmen", "militant", "group", "assailant", "attacker", "fighter", "man", "men",
    "insurgent", "militia", "perpetrator", "bomber",
})
# Heads that name an attacker without saying who: coded unattributed even without a marker.
ANONYMOUS_HEADS = frozenset({"gunman", "gunmen", "assailant", "attacker", "perpetrator"})
# Crowd words that stand for people when nothing says who they are: "Thousands protested", "tens of thousands
# marched", "a crowd gathered" (the agent table has "mob" and "people", not these).
CROWD_HEADS = frozenset({"thousands", "hundreds", "dozens", "scores", "millions", "tens", "crowd", "crowds"})
# Measures imposed on a place, never its people ("Curfew was imposed", the tagger reading "Curfew" as a name).
MEASURE_WORDS = frozenset({"curfew", "ban", "restriction", "lockdown", "emergency", "blockade", "embargo", "sanction"})
# Objects that name an act or a state of affairs, never a party: "declared a unilateral ceasefire in south Lebanon",
# "ended the war" (a place after them must not turn them into that place's people).
ACT_NOUNS = MEASURE_WORDS | frozenset({"ceasefire", "cease-fire", "truce", "armistice", "war", "moratorium"})
# "pro-Iranian Hizbollah", "anti-American militias": whom a group sides with or against is not its country.
ALIGNMENT_PREFIXES = ("pro", "anti")
# Heads of bodies of water named after a country ("the Sea of Japan", "the Gulf of Oman").
WATER_HEADS = frozenset({"sea", "gulf", "bay", "strait", "straits", "ocean", "channel", "lake", "river"})
# Match kinds where the phrase names the country itself (not "Iraqi troops"), so its reference name is the name.
BORDER_HEADS = frozenset({"border", "frontier"})
# "Ethnic Albanians", "ethnic Turks": a demonym marked ethnic names a people, not a state (resolve_phrase).
ETHNIC_WORD = "ethnic"
ETHNIC_KINDS = frozenset({"demonym", "adjective"})
NAMING_KINDS = frozenset({"name", "alias", "capital", "metonym"})
# Metonyms for a government: "Tehran said", "the White House announced".
GOVERNMENT_KINDS = frozenset({"capital", "metonym"})
# Pronouns that refer to one person; "they", "it" and "we" are left unresolved (a group, a country, the speaker).
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
# Pronouns that name people as the patient of an agentless arrest or attack no earlier sentence resolves.
PATIENT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
MAX_COUNTRY_PHRASE = 4
MAX_AGENT_PHRASE = 3
# PETRARCH-2 codes that are not ISO 3166 alpha-3 for a country that has one.
LEGACY_COUNTRY_CODES = {"ANG": "AGO", "ROM": "ROU", "ZAR": "COD", "TMP": "TLS", "JAP": "JPN", "ITL": "ITA"}
# Federations whose actor codes name the member state next ("SCGSRB": Serbia within Serbia and Montenegro).
FEDERATION_CODES = frozenset({"SCG", "YUG"})
# Heads that take their group from an "of" phrase: "leaders of the opposition coalition" are the opposition.
MEMBER_HEADS = frozenset({"leader", "member", "head", "chief", "representative", "supporter", "official",
                          "delegation", "envoy", "spokesman", "spokeswoman", "commander", "unit", "wing"})
# Prepositions that place a phrase's head in a country: "students throughout Indonesia", "groups in Zimbabwe".
LOCATED_PREPS = frozenset({"in", "throughout", "across", "from", "inside"})
# Sectors of people who act where they are: without a country of their own they take the sentence's place.
DOMESTIC_SECTORS = frozenset({"CVL", "OPP", "EDU", "LAB", "BUS", "COP", "JUD", "LEG", "GOV", "MIL", "REB", "PTY",
                              "MED", "JRN", "REL", "CRM", "AGR", "PPL", "PRO", "ELI", "HLH", "UAF", "INS", "SEP"})
# Entity kinds coded as an actor even when no dictionary knows them (country unknown).
UNKNOWN_ACTOR_ENTS = frozenset({"PERSON", "ORG", "NORP"})
# Dependency labels under a noun that belong to its phrase (not a separate clause or conjunct).
PHRASE_DEPS = frozenset({"compound", "amod", "det", "poss", "nmod", "case", "nummod", "quantmod", "prep", "pobj", "flat",
                         "npadvmod"})  # "Vietnamese-led forces"


@dataclass(frozen=True)
class ActorContext:
    """What actor resolution needs beyond the phrase: the article date and the lexicons."""

    on_date: str | None
    actors: ActorLexicon
    agents: AgentLexicon
    fallback_country: str | None = None
    # Country-coded actors named earlier in the article, for "the prime minister" and surnames.
    antecedents: tuple = ()
    # The people (PERSON names) named in earlier sentences, latest last: what "he" or "she" refers to.
    people: tuple = ()
    # Recipients may be things placed in a country ("peacekeepers in Iraq", "villages in Sudan"); actors must be people.
    locate_things: bool = False


def phrase_tokens(head) -> list:
    """Return the tokens of the noun phrase headed by ``head`` (no conjuncts, clauses or appositions)."""
    keep = [head]
    stack = [c for c in head.children if c.dep_ in PHRASE_DEPS]
    while stack:
        tok = stack.pop()
        if tok.dep_ == "prep" and (tok.lower_ != "of" or not any(c.dep_ == "pobj" for c in tok.children)):
            continue  # "of" only with its noun: "accusing Israeli forces of killing" ends at "forces"
        keep.append(tok)
        stack.extend(c for c in tok.children if c.dep_ in PHRASE_DEPS)
    return sorted(keep, key=lambda t: t.i)


def resolve_actors(head, ctx: ActorContext) -> list[Actor]:
    """Return one Actor per conjunct of the phrase headed by ``head`` that resolves to a code."""
    heads = [head, *[c for c in conjunct_heads(head) if c.pos_ in ("NOUN", "PROPN", "PRON")]]
    # a border zone, on either side, is nobody; nor is a sea named after a country ("into the Sea of Japan")
    heads = [h for h in heads if h.lemma_.lower() not in BORDER_HEADS and h.lower_ not in WATER_HEADS]
    actors = [resolve_phrase(phrase_tokens(h), h, ctx) for h in heads]
    actors += [a for h, first in zip(heads, actors) if first is not None for a in modifier_conjuncts(h, first)]
    return [a for a in actors if a is not None]


def conjunct_heads(head) -> list:
    """Return the other heads coordinated with ``head``, reading through two misparses of the small model.

    A name split by the parser ("Barack" as subject, "Obama" under it) keeps its conjuncts on the token inside the
    name ("Barack Obama and Vladimir Putin will meet"); a list of places may hang off the first as an apposition
    ("The US, Russia, and Switzerland met": "Russia" appos, "Switzerland" its conjunct or the first's).
    """
    heads = list(head.conjuncts)
    name = containing_entity(head) if head.ent_type_ else None
    if name is not None:
        heads += [c for t in name if t.i != head.i for c in t.conjuncts if not name.start <= c.i < name.end]
    if head.ent_type_ == "GPE":  # "Erbil, Iraq" alone is one place: an apposed place is a party only in a list
        heads += [t for child in head.children if child.dep_ == "appos" and child.ent_type_ == "GPE"
                  and (child.conjuncts or head.conjuncts) for t in (child, *child.conjuncts)]
    return list(dict.fromkeys(heads))


def modifier_conjuncts(head, first: Actor) -> list[Actor]:
    """Return the other countries of "Hungarian and Romanian officials": conjoined modifiers share the head."""
    found = []
    for mod in head.children:
        if mod.dep_ not in ("amod", "compound", "nmod"):
            continue
        for conj in mod.conjuncts:
            iso3, _ = find_country([conj.lower_], [conj.text])
            if iso3 and iso3 != first.country:
                span = (conj.idx, conj.idx + len(conj.text))
                found.append(Actor(text=conj.text, name=country_name(iso3), country=iso3, sector=first.sector,
                                   span=span))
    return found


def resolve_phrase(tokens: list, head, ctx: ActorContext) -> Actor | None:
    """Return the Actor for one phrase, or None when neither a country nor a sector can be coded."""
    kept = drop_alignment_words([t for t in tokens if t.lower_ not in SKIP_LEMMAS])
    words = [t.lower_ for t in kept]
    if head.pos_ == "PRON":  # "he"/"she": the person named last in earlier sentences; other pronouns wait
        return resolve_personal_pronoun(head, ctx)
    if not words or (head.pos_ == "NOUN" and head.lemma_.lower() in ACT_NOUNS):
        return act_author(kept) if words else None
    text, span = phrase_text_span(tokens)
    known = ctx.actors.longest_match(words, on_date=ctx.on_date)
    head_pos = next((i for i, t in enumerate(kept) if t.i == head.i), len(kept) - 1)
    if known is not None and known[0] <= head_pos < known[1] and known[2].sector:
        entry = known[2]
        return Actor(text=text, name=entry.name, country=national_country(entry), sector=entry.sector,
                     wikidata=entry.wikidata, span=span)
    head_sector = find_sector([head.lower_], ctx.agents) or find_sector([head.lemma_.lower()], ctx.agents)
    if head.pos_ == "NOUN" and head_sector is None and head.ent_type_ == "" and head.lemma_.lower() not in MEMBER_HEADS:
        kept = [t for t in kept if t.i <= head.i]  # "the killing of Iran's general" is not Iran
        words, known = [t.lower_ for t in kept], known_before_patient(known, head, len(kept))
    country, kind = find_country(words, [t.text for t in kept])
    if known is not None and known[2].country:
        country = national_country(known[2])
    if kind in ETHNIC_KINDS and ETHNIC_WORD in words:
        return ethnic_group(head, text, span, ctx)
    if is_unknown_armed(kept, head):
        return unknown_armed_actor(text, span, country or ctx.fallback_country)
    sector = find_sector(words, ctx.agents) or (known[2].sector if known else None) or implied_sector(head, kind)
    if country is None and (sector is not None or ctx.locate_things):
        country = find_located_country(head)  # "students throughout Indonesia", not "bases in Iraq hosting"
    if country is None and sector is None:
        return unknown_actor(head, text, span)
    if country is None:
        linked = place_sector_actor(Actor(text=text, name=None, country=None, sector=sector, span=span), ctx)
        if linked.name:
            return linked
        country = linked.country
    entry = known[2] if known and known[0] <= head_pos < known[1] else None
    name = choose_name(entry, kept, text, country if kind in NAMING_KINDS else None)
    return Actor(text=text, name=name, country=country, sector=sector, span=span)


def known_before_patient(known, head, kept: int):
    """Return the phrase's known actor match, or None when it names whom the head's act happened to: "the killing
    of Soleimani" is not Iran's, but "the deployment of NATO troops" is NATO's."""
    patient = head.lemma_.lower() in PATIENT_GENITIVE_NOUNS and known is not None and known[0] >= kept
    return None if patient else known


def act_author(tokens: list) -> Actor | None:
    """Return the country an act or measure names as its author ("US sanctions", "an Israeli blockade"), or None
    ("a unilateral ceasefire": the act is no party, and a place after it must not make it one)."""
    country, _ = find_country([t.lower_ for t in tokens], [t.text for t in tokens])
    if country is None:
        return None
    text, span = phrase_text_span(tokens)
    return Actor(text=text, name=None, country=country, sector=None, span=span)


def drop_alignment_words(tokens: list) -> list:
    """Return the phrase without "pro-/anti-" plus a country word ("pro", "-", "Iranian" or one token "pro-Iranian");
    "anti-government" stays, since the agent table reads it."""
    drop: set[int] = set()
    for i, tok in enumerate(tokens):
        prefix, _, rest = tok.lower_.partition("-")
        if prefix not in ALIGNMENT_PREFIXES:
            continue
        if rest and find_country([rest])[0]:
            drop.add(i)
        elif not rest and i + 2 < len(tokens) and tokens[i + 1].text == "-" and find_country([tokens[i + 2].lower_])[0]:
            drop |= {i, i + 1, i + 2}
    return [t for i, t in enumerate(tokens) if i not in drop]


def implied_sector(head, kind: str | None) -> str | None:
    """Return the sector a phrase implies when no agent word names one: a crowd is civilians ("Thousands
    protested", like the agent table's "mob"); a capital or metonym as head is the government ("Tehran said",
    "the White House announced" -- but not "Baghdad airport")."""
    if is_crowd(head):
        return "CVL"
    if kind in GOVERNMENT_KINDS and find_country([head.lower_], [head.text])[0]:
        return "GOV"
    return None


def is_crowd(head) -> bool:
    """Return True for a bare crowd word ("Thousands", "tens of thousands"), not "scores of soldiers"."""
    members = [o for prep in head.children if prep.dep_ == "prep" and prep.lower_ == "of"
               for o in prep.children if o.dep_ == "pobj"]
    return head.lower_ in CROWD_HEADS and all(o.lower_ in CROWD_HEADS for o in members)


def ethnic_group(head, text: str, span: tuple[int, int], ctx: ActorContext) -> Actor:
    """Return "ethnic Albanians in south Serbia" as a people (CVL) placed where they live, not the state they name."""
    return place_sector_actor(Actor(text=text, name=None, country=find_located_country(head), sector="CVL", span=span),
                              ctx)


def resolve_personal_pronoun(head, ctx: ActorContext) -> Actor | None:
    """Return "he"/"she" as the person named last in the article's earlier sentences ("He urged Baghdad"), else None.

    Only subjects and objects that stand alone, and only when the previous sentences named a person: a pronoun
    is never guessed from the sentence it is in (the person may be named after it).
    """
    if head.lower_ not in PERSONAL_PRONOUNS or not ctx.people:
        return None
    person = ctx.people[-1]
    return Actor(text=head.text, name=person.name, country=person.country, sector=person.sector,
                 wikidata=person.wikidata, span=(head.idx, head.idx + len(head.text)))


def place_sector_actor(actor: Actor, ctx: ActorContext) -> Actor:
    """Return a country-less sector actor placed by an earlier mention ("the foreign minister"), else by the place."""
    linked = resolve_coreference(actor, ctx.antecedents)
    if linked.country:
        return linked
    if actor.sector in DOMESTIC_SECTORS:
        return replace(actor, country=ctx.fallback_country)  # "protesters" in a sentence placed in Baghdad are Iraqi
    return actor


def find_located_country(head) -> str | None:
    """Return the country a phrase places its head in ("students throughout Indonesia", "groups in Zimbabwe")."""
    for tok in [head, *[c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                        for c in c.children if c.dep_ == "pobj"]]:
        for prep in tok.children:
            if prep.dep_ in ("prep", "acl") and prep.lower_ in LOCATED_PREPS | {"based"}:
                words = without_borders([t for t in prep.subtree if t.i != prep.i])  # "on the Thai border": nowhere
                iso3, _ = find_country([t.lower_ for t in words], [t.text for t in words])
                if iso3:
                    return iso3
    return None


def without_borders(tokens: list) -> list:
    """Return the tokens outside any "border"/"frontier" phrase and any sea named after a country: "camps near the
    Thai border" are not in Thailand, nor is a tanker "in the Gulf of Oman" in Oman."""
    inside = {t.i for b in tokens if b.lemma_.lower() in BORDER_HEADS for t in b.subtree}
    inside |= {t.i for w in tokens if w.lower_ in WATER_HEADS for c in w.children if c.dep_ == "prep"
               and c.lower_ == "of" for t in c.subtree}
    return [t for t in tokens if t.i not in inside]


def unknown_actor(head, text: str, span: tuple[int, int]) -> Actor | None:
    """Return an uncoded actor for a named person or organisation the lexicons do not know, else None."""
    if head.pos_ != "PROPN" or head.ent_type_ not in UNKNOWN_ACTOR_ENTS:
        return None
    return Actor(text=text, name=text, country=None, sector=None, span=span)


def uncoded_victim(head, ctx: ActorContext) -> Actor | None:
    """Return the people an agentless passive acted on ("about 17 ram sevaks were arrested") as an uncoded actor.

    Used only when no lexicon knows them: the report keeps its victim's words, and the sentence's country when
    it names one, instead of being dropped. Only names, counted nouns ("17 ram sevaks", "two") and personal
    pronouns that no earlier sentence resolved ("still she was arrested": someone was) qualify.
    """
    if head.pos_ == "PRON" and head.lower_ in PATIENT_PRONOUNS:  # "still she was arrested": someone was
        return Actor(text=head.text, name=None, country=ctx.fallback_country, sector=None,
                     span=(head.idx, head.idx + len(head.text)))
    counted = any(c.dep_ in ("nummod", "quantmod") for c in head.children)
    if not (head.pos_ in ("PROPN", "NUM") or head.pos_ == "NOUN" and counted) or head.lemma_.lower() in MEASURE_WORDS:
        return None  # "all necessary steps have been taken", "Curfew was imposed": a thing, not people
    text, span = phrase_text_span(phrase_tokens(head))
    return Actor(text=text, name=None, country=ctx.fallback_country, sector=None, span=span)


def national_country(entry) -> str | None:
    """Return an actor's ISO3: a federation role's member state ("SCGSRB" -> SRB), legacy codes made ISO."""
    country = entry.country
    member = entry.code[3:6]
    if country in FEDERATION_CODES and country_by_iso3(member):
        return member
    return LEGACY_COUNTRY_CODES.get(country, country)


def choose_name(entry, tokens: list, text: str, named_country: str | None) -> str:
    """Return the actor's name: the known actor's, a country's reference name, a PERSON/ORG entity, or the text."""
    if entry is not None and not entry.sector and country_name(entry.country):
        return country_name(entry.country)
    if entry is not None:
        return entry.name
    return person_name(tokens) or country_name(named_country) or text


def country_name(iso3: str | None) -> str | None:
    """Return the reference name of a country ("United States"), or None."""
    country = country_by_iso3(iso3) if iso3 else None
    return country.name if country else None


def find_sector(words: list[str], agents: AgentLexicon) -> str | None:
    """Return the sector of the longest agent phrase in ``words``, preferring the rightmost (the head)."""
    for size in range(min(MAX_AGENT_PHRASE, len(words)), 0, -1):
        for start in range(len(words) - size, -1, -1):
            sector = agents.sector_for(words[start:start + size])
            if sector is not None:
                return sector
    return None


def find_country(words: list[str], surface: list[str] | None = None) -> tuple[str | None, str | None]:
    """Return (ISO3, match kind) of the longest country phrase in ``words`` (lower case) or ``surface`` (as written)."""
    tables = [(words, country_phrases())]
    if surface is not None:
        tables.append((surface, case_sensitive_phrases()))
    for size in range(min(MAX_COUNTRY_PHRASE, len(words)), 0, -1):
        for start in range(len(words) - size + 1):
            for seq, phrases in tables:
                match = phrases.get(" ".join(seq[start:start + size]))
                if match is not None:
                    return match.country.iso3, match.kind
    return None, None


def unknown_armed_actor(text: str, span, country: str | None) -> Actor:
    """Return the unattributed armed actor of an attack no one is named for, in the country where it acts."""
    return Actor(text=text, name="unidentified armed group", country=country, sector="UAF", span=span)


def is_unknown_armed(tokens: list, head) -> bool:
    """Return True for unattributed perpetrators such as "unidentified gunmen" or "unknown groups"."""
    head_words = {head.lower_, head.lemma_.lower()}
    if head_words & ANONYMOUS_HEADS:
        return True
    has_marker = any(t.lower_ in UNKNOWN_MARKERS for t in tokens)
    return has_marker and bool(head_words & ARMED_HEADS)


def person_name(tokens: list) -> str | None:
    """Return the PERSON/ORG entity text inside the phrase, if spaCy found one."""
    names = [t for t in tokens if t.ent_type_ in ("PERSON", "ORG")]
    if not names:
        return None
    return " ".join(t.text for t in names)


def phrase_text_span(tokens: list) -> tuple[str, tuple[int, int]]:
    """Return the phrase's text without a leading determiner, and its character span in the article."""
    while len(tokens) > 1 and tokens[0].lower_ in ("the", "a", "an"):
        tokens = tokens[1:]
    doc = tokens[0].doc
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    # A Span's text is built from its own tokens; doc.text would rebuild the whole article on every call.
    return doc[tokens[0].i:tokens[-1].i + 1].text, (start, end)


# ---------------------------------------------------------------- within-article coreference

# Words a bare title keeps when matched against an earlier, fuller mention ("the prime minister").
TITLE_SKIP = frozenset({"the", "a", "an", "new", "former", "then", "country", "country's", "'s"})


def find_antecedent(actor: Actor, seen: list[Actor]) -> Actor | None:
    """Return the earlier actor a country-less mention refers to: a surname, or a bare title ("the prime minister")."""
    words = [w for w in actor.text.lower().split() if w not in TITLE_SKIP]
    if not words:
        return None
    is_title = actor.sector is not None and actor.text == actor.text.lower()
    for earlier in reversed(seen):
        name_words = (earlier.name or "").lower().split()
        if is_title and " ".join(words) in earlier.text.lower():
            return earlier
        if not is_title and len(words) == 1 and name_words and name_words[-1] == words[0]:
            return earlier
    return None


def resolve_coreference(actor: Actor, seen: list[Actor]) -> Actor:
    """Return the actor with the country, sector and name of its antecedent when it has no country of its own."""
    if actor.country:
        return actor
    antecedent = find_antecedent(actor, seen)
    if antecedent is None:
        return actor
    return replace(actor, name=antecedent.name, country=antecedent.country,
                   sector=actor.sector or antecedent.sector, wikidata=antecedent.wikidata)
