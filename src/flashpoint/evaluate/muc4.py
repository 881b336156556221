"""Score coded events against MUC-4 role fillers (../shared/eval/muc4, GRIT's preprocessing).

Internal evaluation only: the set is read at evaluation time and nothing from it is copied into the project.
Each document is coded whole; only violent events count (PLOVER ASSAULT or COERCE, or CAMEO roots 18-20) and only
reports that happened or were attempted (status asserted). Their arguments fill MUC's roles:

* actor text -> PerpOrg when it names an organisation (ORG_WORDS, or no person noun), else PerpInd;
* recipient text -> Target when its head noun is a physical object (OBJECT_NOUNS), else Victim;
* weapon text -> Weapon; the coder rarely fills it, so WEAPON_WORDS (a small lexicon) is matched as a fallback;
* in the sentences within CONTEXT_WINDOW of an attack: noun chunks headed by an OBJECT_NOUNS word -> Target (the
  coder codes a recipient only when it resolves to an actor, and buildings rarely do), chunks headed by an attacker
  noun or naming a known armed group -> PerpInd / PerpOrg, and spaCy PERSON entities that look like names -> Victim.

Scoring follows GRIT's CEAF-REE convention: mentions are normalised (lower-case, no punctuation, no a/an/the, single
spaces); per document and role, predicted entities are matched one-to-one to gold entities, and a match counts when
every mention of the predicted entity is among the gold entity's mentions (phi_strict). We predict one mention per
entity (the first of each head noun), so phi_strict reduces to "our string is one of the gold entity's mentions",
and a maximum bipartite matching equals the Hungarian assignment on these 0/1 scores. ``micro`` is over GRIT's five
roles (comparable with GRIT's 0.545 on test); ``perpetrator`` pools PerpInd and PerpOrg on both sides.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from ..coding.roles import INSTRUMENT_SUBJECTS
from ..coding.weapons import singular_forms
from ..nlp import parse_texts
from ..settings import DEFAULT_MODEL
from .harness import code_sentences, find_data_file, iter_jsonl

NAME = "muc4"
GRIT_ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
VIOLENT_EVENTS = frozenset({"ASSAULT", "COERCE"})
VIOLENT_ROOTS = ("18", "19", "20")
COUNTED_STATUS = frozenset({"asserted"})
# MUC-4 perpetrators are armed groups: on dev, actors of these sectors were a gold perpetrator 30-40% of the time,
# officials, courts and police almost never (state terror is in MUC, but reported far less).
PERPETRATOR_SECTORS = frozenset({"REB", "UAF", "CRM", "MIL"})
# Coordinated or appositive arguments ("oqueli, leader of the mnr and hilda flores") hold several mentions.
MENTION_SPLIT = re.compile(r",| and ")
PARSE_BATCH = 8  # whole documents
# Sentences either side of an attack whose text the fallback reads: MUC reports name the weapon, target or group
# in the sentence before or after the attack verb (dev micro F1: attack sentence only .20, +-1 sentence .235).
CONTEXT_WINDOW = 1
Sentence = tuple[str, list[str], list[str]]

ARTICLES = re.compile(r"\b(a|an|the)\b")
PUNCTUATION = re.compile(r"[^\w\s]")
PERSON_NOUNS = re.compile(r"\b(guerrillas?|terrorists?|m[ae]n|woman|women|members?|individuals?|soldiers?|troops|"
                          r"gunmen|gunman|people|persons?|subversives?|commandos?|assassins?|youths?|criminals?|"
                          r"hitmen|attackers?|unit|column|squad|group of|agents?|rebels?|insurgents?|paramilitar\w*)\b")
ORG_WORDS = re.compile(r"\b(front|movement|army|forces|cartel|organi[sz]ation|unity|party|command|fmln|urng|eln|farc|"
                       r"epl|mrta|shining path|sendero|cartel|police|government|brigade|battalion|death squads?)\b")
OBJECT_NOUNS = frozenset("""
    building buildings headquarters office offices embassy embassies vehicle vehicles car cars bus buses truck trucks
    jeep tower towers substation pipeline bank banks plant farm house houses home homes residence bridge bridges station
    stations facilities facility installations installation school church hotel store shop company plant factory
    airport aircraft plane helicopter post posts barracks base garrison lines pylon pylons camp property
    branch clinic hospital restaurant warehouse dam port ship vessel railroad train depot offices premises compound
    agency ministry consulate university market
""".split())
# MUC-4 victims are nearly all named people (on train, 600 of 614 gold victim heads are surnames): a victim mention
# is kept only when it looks like a name, i.e. its head is none of these common nouns; a title before a name is cut.
COMMON_PEOPLE = re.compile(r"^(\w+s|m[ae]n|woman|women|people|child|children|policeman|soldier|peasant|person|"
                           r"leader|official|member|driver|student|priest|citizen|worker|guard|officer|civilian|"
                           r"journalist|judge|mayor|son|daughter|wife|brother|father|mother|family|group|attack|"
                           r"government|"
                           r"one|two|three|four|five|six|seven|eight|nine|ten|[0-9]+)$")
TITLES = re.compile(r"^.*\b(president|governor|mayor|leader|minister|colonel|general|captain|judge|father|"
                    r"journalist|senator|deputy|ambassador|candidate|director|chief|commander|lawyer|priest|mr|mrs|"
                    r"dr|attorney|councilman|congressman|bishop|archbishop|monsignor)\s+")
# Perpetrator fallback over violent sentences' noun chunks: heads that name attackers, and the armed organisations of
# the MUC-4 countries (from the task's domain, not from its answer keys).
PERP_HEADS = frozenset("guerrillas guerrilla terrorists terrorist gunmen gunman subversives assassins hitmen "
                       "commandos commando attackers kidnappers".split())
PERP_ORGS = re.compile(r"\b(fmln|farabundo marti national liberation front|urng|eln|national liberation army|"
                       r"shining path|sendero luminoso|medellin cartel|extraditables|farc|mrta|tupac amaru|m-19|epl|"
                       r"death squads?|manuel rodriguez patriotic front|fpmr|cali cartel)\b")
# Full names and acronyms of the same group: predicted together as one entity with two mentions, as GRIT's gold does.
ORG_ALIASES = {"farabundo marti national liberation front": "fmln", "guatemalan national revolutionary unity": "urng",
               "national liberation army": "eln", "sendero luminoso": "shining path",
               "manuel rodriguez patriotic front": "fpmr"}
WEAPON_WORDS = re.compile(
    r"\b((?:car|truck|powerful|time|incendiary|explosive|homemade) )?(bombs?|dynamite|explosives?|"
    r"grenades?|rockets?|mortars?|rifles?|machineguns?|machine guns?|submachineguns?|pistols?|revolvers?|"
    r"firearms?|bullets?|machetes?|knives|knife|mines?|ak-47s?|m-16s?|bazookas?|missiles?|"
    r"explosive devices?|artillery|molotov cocktails?|shotguns?|fire ?bombs?)\b")  # not "weapons"/"guns": generic
# A pronoun victim ("he was shot") is someone, but no name: MUC-4 fills a role with names and descriptions.
PRONOUNS = frozenset({"he", "she", "they", "we", "i", "him", "her", "them", "us", "it"})


def normalize_mention(text: str) -> str:
    """Return a mention as GRIT's scorer compares it: lower-case, no punctuation or articles, single spaces."""
    text = PUNCTUATION.sub(" ", text.lower())
    return " ".join(ARTICLES.sub(" ", text).split())


def is_violent(event: dict[str, Any]) -> bool:
    """Return True for an asserted violent event (assault, coercion, CAMEO 18-20)."""
    violent = event.get("event") in VIOLENT_EVENTS or str(event.get("cameo") or "").startswith(VIOLENT_ROOTS)
    return violent and event.get("status") in COUNTED_STATUS


def is_attack(event: dict[str, Any]) -> bool:
    """Return True for an assault (not coercion): only its sentence feeds the text fallback (dev: coercion
    sentences are arrests and weapon seizures, whose weapons and objects are not MUC fillers)."""
    return event.get("event") == "ASSAULT" or str(event.get("cameo") or "").startswith(VIOLENT_ROOTS)


def head_word(text: str) -> str:
    """Return the head of a normalised mention: its last word, before any "of" complement ("members of x")."""
    words = normalize_mention(text).split(" of ")[0].split()
    return words[-1] if words else ""


def is_object(text: str) -> bool:
    """Return True when a mention's head noun is a physical object (building, vehicle, facility)."""
    return head_word(text) in OBJECT_NOUNS


def perpetrator_role(text: str) -> str:
    """Return PerpOrg for an organisation name, PerpInd for people."""
    lowered = text.lower()
    return "PerpInd" if PERSON_NOUNS.search(lowered) and not ORG_WORDS.search(head_word(lowered)) else \
        "PerpOrg" if ORG_WORDS.search(lowered) or not PERSON_NOUNS.search(lowered) else "PerpInd"


def split_mentions(text: str) -> list[str]:
    """Return the mentions of a coordinated or appositive argument text."""
    return [part.strip() for part in MENTION_SPLIT.split(text) if part.strip()]


def find_victim_name(mention: str) -> str | None:
    """Return the name in a victim mention (titles cut), or None when the mention is not a name or is an object."""
    if is_object(mention):
        return None
    name = TITLES.sub("", normalize_mention(mention))
    head = name.split()[-1] if name else ""
    if not head or " of " in f" {name} " or COMMON_PEOPLE.match(head) or any(ch.isdigit() for ch in name) \
            or name in PRONOUNS:
        return None
    return name


def find_member_orgs(text: str) -> list[tuple[str, str]]:
    """Return ("PerpOrg", organisation) for "members of <organisation>" actor texts."""
    head, _, rest = text.partition(" of ")
    return [("PerpOrg", rest.strip())] if rest and PERSON_NOUNS.search(head.lower()) else []


def names_instrument(text: str) -> bool:
    """Return True for an unattributed actor told by its weapon ("a car bomb"): evidence, not a MUC perpetrator."""
    return any(form in INSTRUMENT_SUBJECTS for word in re.findall(r"[a-z-]+", text.lower())
               for form in singular_forms(word))


def map_event(event: dict[str, Any]) -> list[tuple[str, str]]:
    """Return (role, mention) pairs for one violent event's actors, recipients and weapon."""
    pairs = [(perpetrator_role(m), m) for a in event.get("actor", [])
             if a.get("sector") in PERPETRATOR_SECTORS and not names_instrument(a.get("text") or "")
             for m in split_mentions(a.get("text") or "")]
    pairs += [pair for a in event.get("actor", []) for pair in find_member_orgs(a.get("text") or "")]
    # A recipient coded as a bare country ("panama") is a state or a place, never a MUC victim or target.
    mentions = [m for r in event.get("recipient", []) if r.get("sector") or not r.get("country")
                for m in split_mentions(r.get("text") or "")]
    pairs += [("Target", m) for m in mentions if is_object(m)]
    pairs += [("Victim", name) for name in map(find_victim_name, mentions) if name]
    weapon = event.get("weapon") or {}
    if weapon.get("text"):
        pairs.append(("Weapon", weapon["text"]))
    return pairs


def find_text_fillers(sentence: Sentence) -> list[tuple[str, str]]:
    """Return (role, mention) pairs from a sentence near an attack: lexicon weapons and perpetrators, object-headed
    noun chunks as targets, and person names as victims."""
    text, chunks, persons = sentence
    pairs = [("Weapon", m.group(0)) for m in WEAPON_WORDS.finditer(text.lower())]
    pairs += [("PerpInd", chunk) for chunk in chunks if head_word(chunk) in PERP_HEADS]
    pairs += [("PerpOrg", m.group(0)) for m in PERP_ORGS.finditer(text.lower())]
    pairs += [("Target", chunk) for chunk in chunks if is_object(chunk)]
    return pairs + [("Victim", name) for name in map(find_victim_name, persons) if name]


def collect_entities(pairs: list[tuple[str, str]]) -> dict[str, list[list[str]]]:
    """Return role -> predicted entities: the first mention of each head noun per role, aliases merged."""
    entities: dict[str, list[list[str]]] = {role: [] for role in GRIT_ROLES}
    seen: set[tuple[str, str]] = set()
    for role, mention in pairs:
        key = (role, head_word(mention))
        if key[1] and key not in seen:
            seen.add(key)
            entities[role].append([mention])
    entities["PerpOrg"] = merge_aliases(entities["PerpOrg"])
    return entities


def merge_aliases(entities: list[list[str]]) -> list[list[str]]:
    """Return organisation entities with a full name and its acronym (ORG_ALIASES) merged into one."""
    by_name = {normalize_mention(e[0]): e for e in entities}
    merged = []
    for name, entity in by_name.items():
        alias = ORG_ALIASES.get(name)
        if alias in by_name:
            merged.append(entity + by_name[alias])
        elif name not in ORG_ALIASES.values() or not any(ORG_ALIASES.get(n) == name for n in by_name):
            merged.append(entity)
    return merged


def predict_document(events: list[dict[str, Any]], sentences: list[Sentence]) -> dict[str, list[list[str]]]:
    """Return a document's predicted role fillers: its violent events' arguments, then the text fallback over the
    sentences within CONTEXT_WINDOW of an attack (``sentences`` is the document's parse, in order)."""
    violent = [e for e in events if is_violent(e)]
    pairs = [pair for e in violent for pair in map_event(e)]
    attacks = {e.get("sentence_index", -1) for e in violent if is_attack(e)}
    for index, sentence in enumerate(sentences):
        if any(abs(index - a) <= CONTEXT_WINDOW for a in attacks):
            pairs += find_text_fillers(sentence)
    return collect_entities(pairs)


def is_match(predicted: list[str], gold: list[str]) -> bool:
    """Return True under phi_strict: every mention of the predicted entity is a mention of the gold entity."""
    gold_mentions = {normalize_mention(m) for m in gold}
    return bool(predicted) and all(normalize_mention(m) in gold_mentions for m in predicted)


def count_matches(predicted: list[list[str]], gold: list[list[str]]) -> int:
    """Return the size of a maximum one-to-one matching (augmenting paths; equal to Hungarian on 0/1 scores)."""
    owner: dict[int, int] = {}

    def assign(p: int, visited: set[int]) -> bool:
        for g, entity in enumerate(gold):
            if g not in visited and is_match(predicted[p], entity):
                visited.add(g)
                if g not in owner or assign(owner[g], visited):
                    owner[g] = p
                    return True
        return False

    return sum(assign(p, set()) for p in range(len(predicted)))


def gold_entities(extracts: dict[str, Any], role: str) -> list[list[str]]:
    """Return one document's gold entities of a role as lists of mention strings."""
    return [[mention for mention, _ in entity] for entity in extracts.get(role, [])]


def pooled_roles(entities: dict[str, list[list[str]]]) -> dict[str, list[list[str]]]:
    """Return the five GRIT roles plus ``perpetrator`` (PerpInd + PerpOrg)."""
    return entities | {"perpetrator": entities.get("PerpInd", []) + entities.get("PerpOrg", [])}


def prf(matched: int, predicted: int, gold: int) -> dict[str, float]:
    """Return precision, recall and F1 from counts."""
    precision = matched / predicted if predicted else 0.0
    recall = matched / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1}


def score_documents(rows: list[dict[str, Any]], predictions: list[dict[str, list[list[str]]]]) -> dict[str, Any]:
    """Return the result dict: per-role and micro P/R/F1 over documents, GRIT's CEAF-REE convention."""
    counts: dict[str, Counter] = {}
    for row, predicted in zip(rows, predictions):
        gold = pooled_roles({role: gold_entities(row["extracts"], role) for role in GRIT_ROLES})
        pred = pooled_roles(predicted)
        for role in gold:
            tally = counts.setdefault(role, Counter())
            tally["matched"] += count_matches(pred[role], gold[role])
            tally["predicted"] += len(pred[role])
            tally["gold"] += len(gold[role])
    micro = sum((counts[r] for r in GRIT_ROLES), Counter())
    metrics: dict[str, float] = {}
    names = {"perpetrator": "perpetrator", "Target": "target", "Victim": "victim", "Weapon": "weapon",
             "PerpInd": "perpind", "PerpOrg": "perporg"}
    for role, name in names.items():
        metrics |= {f"{name}.{k}": v for k, v in prf(**counts[role]).items()}
    metrics |= {f"micro.{k}": v for k, v in prf(**micro).items()}
    details = {"counts": {role: dict(c) for role, c in counts.items()},
               "documents_with_fillers": sum(any(r["extracts"].get(x) for x in GRIT_ROLES) for r in rows)}
    return {"dataset": NAME, "records": len(rows), "metrics": metrics, "details": details}


def load_documents(data: Path, limit: int | None = None) -> list[dict[str, Any]]:
    """Return dev.jsonl's documents (train.jsonl only when the folder has no dev.jsonl)."""
    if not data.is_dir():
        raise FileNotFoundError(f"{data}: not a folder; pass the muc4 folder (dev.jsonl)")
    try:
        path = find_data_file(data, "dev.jsonl")
    except FileNotFoundError:
        path = find_data_file(data, "train.jsonl")
    rows = list(iter_jsonl(path, ("doctext", "extracts")))
    if any(not isinstance(row["extracts"], dict) for row in rows):
        raise ValueError(f"{path}: expected {{docid, doctext, extracts}} with extracts an object on every line")
    return rows[:limit] if limit is not None else rows


def parse_documents(texts: list[str], model: str) -> list[list[Sentence]]:
    """Return each document's sentences as (text, noun-chunk texts, PERSON entity texts), in order."""
    return [[(sent.text, [c.text for c in sent.noun_chunks], [e.text for e in sent.ents if e.label_ == "PERSON"])
             for sent in doc.sents] for doc in parse_texts(texts, model=model, batch_size=PARSE_BATCH)]


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL) -> dict:
    """Code every document (or the first ``limit``) and score its MUC-4 role fillers as GRIT does."""
    rows = load_documents(Path(data), limit)
    texts = [r["doctext"] for r in rows]
    events = code_sentences(texts, [None] * len(rows), model=model)
    parses = parse_documents(texts, model)
    return score_documents(rows, [predict_document(evs, sents) for evs, sents in zip(events, parses)])
