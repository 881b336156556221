"""Score coded events against CASE 2021 task 2 (../shared/eval/case2021_task2): one ACLED sub-event type per snippet.

Internal evaluation only: the set is read at evaluation time and nothing from it is copied into the project.
ACLED's 25 sub-event types are finer than PLOVER (a grenade, a suicide bomb and an air strike are all ASSAULT), so a
snippet gets its type from two visible tables, first match wins:
1. TEXT_RULES: (type, pattern over the lower-cased snippet[, predicate over its coded events]) for what PLOVER cannot
   say (weapon, protest character, territory) — ordered specific to generic;
2. the main coded event's ACLED sub-event type, which the coder assigns (coding/acled.py; ACLED_LABELS renames it),
   when no text rule fires;
and DEFAULT_TYPE when neither does. The text rules were written on this dev set and live here, in the evaluator,
not in the coder: ``events_only.*`` scores the coded events alone, the share the stored event data carries. Each
subtask runs the classifier with its own label set (a subtask-1 system never answers NATURAL_DISASTER) and is
scored on the gold items of that set, as upstream: weighted F1 is the headline.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from pathlib import Path
from typing import Any, Callable

from ..settings import DEFAULT_MODEL
from .harness import code_sentences, find_data_file, read_data_text

NAME = "case2021_task2"
SEEN_TYPES = (
    "PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR", "MOB_VIOL", "ARMED_CLASH",
    "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "CHEM_WEAP", "AIR_STRIKE", "SUIC_BOMB", "ART_MISS_ATTACK",
    "GRENADE", "REM_EXPLOS", "ATTACK", "SEX_VIOL", "ABDUCT_DISSAP", "AGREEMENT", "ARREST", "CHANGE_TO_GROUP_ACT",
    "DISR_WEAP", "HQ_ESTABLISHED", "PROPERTY_DISTRUCT", "NON_VIOL_TERRIT_TRANSFER", "OTHER",
)
SUBTASK_TYPES: dict[str, tuple[str, ...]] = {
    "subtask1": SEEN_TYPES,
    "subtask2": SEEN_TYPES + ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER"),
    "subtask3": SEEN_TYPES + ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB"),
}
DEFAULT_TYPE = "ARMED_CLASH"  # the commonest violent type: an uncoded fight is most often a clash
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "SPY"})
STATE_WORDS = re.compile(r"\b(government|army|armed forces|military|security forces|troops|soldiers|police|"
                         r"regime|forces loyal|iraqi forces|afghan forces|syrian forces|national army)\b")
PROTEST_WORDS = r"\b(protest\w*|demonstrat\w*|rall(?:y|ies|ied)|march(?:ed|es|ers)?|sit-ins?|rioters?|riot(?:ed|s)?)\b"

EventTest = Callable[[str, list[dict[str, Any]]], bool]


NONSTATE_WORDS = re.compile(r"\b(rebels?|militants?|fighters|islamic state|isis|isil|daesh|al-?shabaa?b|houthis?|"
                            r"taliban|boko haram|terrorists?|opposition|insurgents?|jihadists?|hezbollah|kurdish|"
                            r"peshmerga|sdf|ypg|nusra|mai mai|militias?|separatists?|activists)\b")
TERRITORY_CUES = re.compile(r"\b(regain\w*|recaptur\w*|retook|retake\w*|wrest\w*|(?:took|taken|seized|established|"
                            r"recovered) (?:full )?control|seized the|captur\w* (?:a|the|two|several|\w+ )?(?:central |"
                            r"key |strategic )?(?:town|city|village|district|camps?|neighbo\w*|areas?|base|hill)|"
                            r"drove back|pushed (?:back|out|deep)|liberat\w*|freed|advanced|taken over|purging|"
                            r"control over)\b")
PASSIVE_TERRITORY = re.compile(r"\b(?:were|was|been) (?:pushed|driven|drove|expelled)")


def find_territory_side(text: str, events: list[dict[str, Any]]) -> str | None:
    """Return "state" or "nonstate" for who gains ground: the nearest actor word before the territory cue.

    A passive cue ("militants were pushed back") flips the side; with no actor word, the first coded actor decides.
    """
    cue = TERRITORY_CUES.search(text)
    if cue is None:
        return None
    before = text[:cue.start()]
    state = max((m.end() for m in STATE_WORDS.finditer(before)), default=-1)
    nonstate = max((m.end() for m in NONSTATE_WORDS.finditer(before)), default=-1)
    if state < 0 and nonstate < 0:
        side = "state" if is_state_actor(events) else "nonstate" if any(e.get("actor") for e in events) else None
    else:
        side = "state" if state > nonstate else "nonstate"
    if side and PASSIVE_TERRITORY.search(text[:cue.end()]):
        return "nonstate" if side == "state" else "state"
    return side


def is_state_actor(events: list[dict[str, Any]]) -> bool:
    """Return True when the first event with an actor has a state actor (government, army, police, intelligence)."""
    for event in events:
        if event.get("actor"):
            return any(a.get("sector") in STATE_SECTORS or STATE_WORDS.search((a.get("text") or "").lower())
                       for a in event["actor"])
    return False


def is_state_gain(text: str, events: list[dict[str, Any]]) -> bool:
    """Return True when the state side gains territory."""
    return find_territory_side(text, events) == "state"


def is_nonstate_gain(text: str, events: list[dict[str, Any]]) -> bool:
    """Return True when a non-state side gains territory."""
    return find_territory_side(text, events) == "nonstate"


def rule(label: str, pattern: str, test: EventTest | None = None) -> tuple[str, re.Pattern[str], EventTest | None]:
    """Return one TEXT_RULES row."""
    return label, re.compile(pattern), test


TEXT_RULES: list[tuple[str, re.Pattern[str], EventTest | None]] = [
    rule("ATTRIB", r"claim\w* responsibility|tak\w+ credit|\bblam\w+|(?:is|was|were|are) responsible for|"
                   r"suspected (?:to be )?behind|\bdenie[sd]\b|accusations"),
    rule("DIPLO", r"diplomat|sanction|ambassador|consulate|severs? ties|embassy staff|retaliatory"),
    rule("NATURAL_DISASTER", r"earthquake|flood|tsunami|hurricane|typhoon|cyclone|torrential|heavy rain|snow|"
                             r"avalanche|landslide|mudslide|volcan|drought|wildfire|bushfire|covid|epidemic|tornado|"
                             r"heatwave|\bstorms?\b"),
    rule("CHEM_WEAP", r"chemical weapon|chlorine|sarin|mustard gas|poison\w* gas|toxic gas|nerve agent|asphyx|"
                      r"suffocat|respiratory|breathing difficult"),
    rule("MAN_MADE_DISASTER", r"chemical (?:spill|hazard|plant|factory)|\bcrash|collision|caught fire|fire broke|"
                              r"gas leak|leaked|derail|capsiz|collaps|boiler|factory fire|plant explo|"
                              r"(?:tank|container)s? (?:exploded|burn)|heating oil|fire crews|firefighters"),
    rule("ORG_CRIME", r"smuggl|traffick|\bdrugs?\b|counterfeit|fake currency|fraud|scam|robber|\brob\b|cartel|"
                      r"launder|theft|burglar|break and enter|hack|corruption"),
    rule("NON_VIOL_TERRIT_TRANSFER", r"hand\w* over|handover|without (?:a )?(?:fight|resistance)|"
                                     r"not encountered any resistance|in the hands of|deserted|allowed \w+ to seize|"
                                     r"withdr\w+ .*(?:allow|leaving)|after .* withdr\w+|began leaving"),
    rule("GOV_REGAINS_TERIT", TERRITORY_CUES.pattern, is_state_gain),
    rule("NON_STATE_ACTOR_OVERTAKES_TER", TERRITORY_CUES.pattern, is_nonstate_gain),
    rule("SUIC_BOMB", r"suicide|kamikaze|blew (?:themselves|himself|herself) up"),
    rule("DISR_WEAP", r"(?=.*\b(found|discover\w*|seiz\w*|defus\w*|cache|stash|cleared|intercept\w*|recover\w*|"
                      r"confiscat\w*|dismantl\w*|removed|identified|display\w*)\b)(?=.*\b(weapons?|arms|guns?|"
                      r"ammunition\w*|explosives?|grenades?|mines|landmines|missiles?|rockets?|projectiles|rifles?|"
                      r"pistols?|revolvers?|firearms|bombs?|ieds?|devices?)\b)"),
    rule("SEX_VIOL", r"\brap(?:e|ed|es|ing)\b|gang-rape|sexual|molest|sexually"),
    rule("GRENADE", r"(?<!smoke )grenade"),
    rule("AIR_STRIKE", r"air ?strike|air raid|warplane|fighter jet|\bjets?\b|aerial|helicopter|chopper|drone strike|"
                       r"air force|bomber|aircraft|airplanes?|\bplanes?\b"),
    rule("ART_MISS_ATTACK", r"artillery|missile|rocket|mortar|shell(?:s|ing|ed)?\b|howitzer|projectile|katyusha|"
                            r"\bgrad\b|tank fire"),
    rule("REM_EXPLOS", r"\bied\b|improvised explosive|landmine|\bmines?\b|car bomb|roadside bomb|\bbomb|"
                       r"explosive device|\bblast|explosion|detonat|went off"),
    rule("ABDUCT_DISSAP", r"abduct|kidnap|disappear|hostage|taken captive"),
    rule("VIOL_DEMONSTR", r"(?=.*" + PROTEST_WORDS + r")(?=.*\b(rioters?|riot(?:ed|ing)?|violen\w*|molotov|"
                          r"petrol bombs?|threw|throw\w*|hurl\w*|rocks|stones?|pelt\w*|clash\w*|scuffles?|torched|"
                          r"set fire|ablaze|smash\w*|barricades?|loot\w*|vandali\w*|blocked|aggressive|fought|"
                          r"pull\w* down|breach\w*)\b)"),
    rule("FORCE_AGAINST_PROTEST", r"(?=.*" + PROTEST_WORDS + r")(?=.*\b(killed|killing|died|dead|injur\w*|wounded|"
                                  r"live (?:bullets|rounds|ammunition)|brutal\w*|violently suppress\w*|"
                                  r"opened fire|shot)\b)"),
    rule("PROTEST_WITH_INTER", PROTEST_WORDS + r".*\b(tear ?gas|water cannon|pepper|detain\w*|arrest\w*|"
                               r"dispers\w*|suppress\w*|rubber bullets|baton)|\b(tear ?gas|water cannon|pepper|"
                               r"detain\w*|arrest\w*|dispers\w*|suppress\w*)\b.*" + PROTEST_WORDS),
    rule("PEACE_PROTEST", PROTEST_WORDS + r"|\bvigil|booed|\bstrik(?:e|ers|ing) workers|candles"),
    rule("MOB_VIOL", r"\bmobs?\b|vigilante|lynch|villagers clashed|angry (?:residents|crowd)"),
    rule("PROPERTY_DISTRUCT", r"\bloot\w*|torch\w*|set (?:on )?fire|set ablaze|burn(?:ed|t|ing)\b|vandal\w*|"
                              r"destruction of|attacks? on propert"),
    rule("ARREST", r"arrest\w*|detain\w*|\bjailed\b|custody|apprehend\w*|\bcaptured alive"),
    rule("DISR_WEAP", r"\bseiz\w* (?:\w+ )*?(?:weapons|arms|guns|ammunition|explosive|pistols|rifles)|cache|"
                      r"ammunition|weapons|firearms|pistols|explosive|defus\w*|dismantl\w*|confiscat\w*|"
                      r"intercepted \d+|\bguns\b"),
    rule("HQ_ESTABLISHED", r"set up|establish\w*|new (?:military )?base|observation (?:post|point)|new post"),
    rule("AGREEMENT", r"agree\w*|cease-?fire|\bdeal\b|truce|prisoner (?:swap|exchange)|exchange of prisoners|"
                      r"surrender\w*|peace talks|accord|release of"),
    rule("CHANGE_TO_GROUP_ACT", r"defect\w*|deploy\w*|reinforc\w*|withdr[ae]w\w*|pull\w* (?:back|out)|moving troops|"
                                r"redeploy\w*|\bformed\b|merge\w*|dissolv\w*|sent (?:more )?(?:troops|fighters)|"
                                r"forwarded|ready to"),
    rule("ATTACK", r"gunm[ae]n|opened fire on|massacr\w*|drive-by|stormed|armed men|civilians? (?:were )?killed|"
                   r"killed .*civilians|attacked the .*(?:population|village|community)"),
    rule("OTHER", r"\bfled\b|fleeing|mass graves?|humanitarian|tunnels?"),
]

# The coder's ACLED sub-event type (coding/acled.py) -> this set's label: a renaming, one to one.
ACLED_LABELS: dict[str, str] = {
    "Armed clash": "ARMED_CLASH", "Government regains territory": "GOV_REGAINS_TERIT",
    "Non-state actor overtakes territory": "NON_STATE_ACTOR_OVERTAKES_TER", "Chemical weapon": "CHEM_WEAP",
    "Air/drone strike": "AIR_STRIKE", "Suicide bomb": "SUIC_BOMB", "Shelling/artillery/missile attack": "ART_MISS_ATTACK",
    "Remote explosive/landmine/IED": "REM_EXPLOS", "Grenade": "GRENADE", "Sexual violence": "SEX_VIOL",
    "Attack": "ATTACK", "Abduction/forced disappearance": "ABDUCT_DISSAP", "Peaceful protest": "PEACE_PROTEST",
    "Protest with intervention": "PROTEST_WITH_INTER", "Excessive force against protesters": "FORCE_AGAINST_PROTEST",
    "Violent demonstration": "VIOL_DEMONSTR", "Mob violence": "MOB_VIOL", "Agreement": "AGREEMENT",
    "Arrests": "ARREST", "Change to group/activity": "CHANGE_TO_GROUP_ACT", "Disrupted weapons use": "DISR_WEAP",
    "Headquarters or base established": "HQ_ESTABLISHED", "Looting/property destruction": "PROPERTY_DISTRUCT",
    "Non-violent transfer of territory": "NON_VIOL_TERRIT_TRANSFER", "Other": "OTHER",
}
# Subtask 3's two non-ACLED labels, from the PLOVER type of a report the coder gives no ACLED type.
PLOVER_LABELS: dict[str, str] = {"SANCTION": "DIPLO", "ACCUSE": "ATTRIB"}


def is_counted(event: dict[str, Any]) -> bool:
    """Return True for an event that happened (asserted) and has a PLOVER type."""
    return event.get("status") == "asserted" and bool(event.get("event"))


def main_event(events: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Return the snippet's main event: the first asserted one with a label (news leads with the event), else None."""
    return next((e for e in events if is_counted(e) and event_label(e)), None)


def event_label(event: dict[str, Any]) -> str | None:
    """Return this set's label for one coded report: its ACLED sub-event type, else a subtask-3 PLOVER label."""
    return ACLED_LABELS.get(event.get("acled") or "") or PLOVER_LABELS.get(event.get("event") or "")


def classify_by_text(text: str, events: list[dict[str, Any]], labels: tuple[str, ...]) -> str | None:
    """Return the type of the first TEXT_RULES row in ``labels`` whose pattern (and event test) matches."""
    lowered = text.lower()
    for label, pattern, test in TEXT_RULES:
        if label in labels and pattern.search(lowered) and (test is None or test(text.lower(), events)):
            return label
    return None


def classify_by_event(events: list[dict[str, Any]], labels: tuple[str, ...]) -> str | None:
    """Return the label of the main coded event (its ACLED sub-event type), when it is in ``labels``."""
    event = main_event(events)
    label = event_label(event) if event is not None else None
    return label if label in labels else None


def classify_snippet(text: str, events: list[dict[str, Any]], labels: tuple[str, ...] = SEEN_TYPES) -> str:
    """Return one type from ``labels`` for a snippet: text rules, then the main event, then DEFAULT_TYPE."""
    return classify_by_text(text, events, labels) or classify_by_event(events, labels) or DEFAULT_TYPE


def score_f1(gold: list[str], pred: list[str]) -> dict[str, float]:
    """Return micro, macro and weighted F1 as sklearn computes them over the labels of gold and predictions."""
    labels = sorted(set(gold) | set(pred))
    support = Counter(gold)
    per_label = {}
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label != g for g, p in zip(gold, pred))
        fn = sum(g == label != p for g, p in zip(gold, pred))
        per_label[label] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    total = len(gold)
    return {
        "micro_f1": sum(g == p for g, p in zip(gold, pred)) / total if total else 0.0,
        "macro_f1": sum(per_label.values()) / len(labels) if labels else 0.0,
        "weighted_f1": sum(per_label[lb] * support[lb] for lb in labels) / total if total else 0.0,
    }


def score_snippets(rows: list[dict[str, str]], events: list[list[dict[str, Any]]]) -> dict[str, Any]:
    """Return the result dict: per-subtask F1 (each on its own gold items and label set) and top confusions."""
    metrics: dict[str, float] = {}
    details: dict[str, Any] = {"confusions": {}, "source": Counter()}
    for subtask, labels in SUBTASK_TYPES.items():
        scored = [(r, e) for r, e in zip(rows, events) if r["SubType"] in labels]
        gold = [r["SubType"] for r, _ in scored]
        pred = [classify_snippet(r["EventSnippet"], e, labels) for r, e in scored]
        metrics |= {f"{subtask}.{k}": v for k, v in score_f1(gold, pred).items()}
        # The coded events alone (no text rules): how much of the score the event record itself carries.
        alone = [classify_by_event(e, labels) or DEFAULT_TYPE for _, e in scored]
        metrics[f"events_only.{subtask}.weighted_f1"] = score_f1(gold, alone)["weighted_f1"]
        details[f"{subtask}_items"] = len(gold)
        wrong = Counter(f"{g} -> {p}" for g, p in zip(gold, pred) if g != p)
        details["confusions"][subtask] = wrong.most_common(10)
    for row, evs in zip(rows, events):
        source = "text" if classify_by_text(row["EventSnippet"], evs, SEEN_TYPES) else \
            "event" if classify_by_event(evs, SEEN_TYPES) else "default"
        details["source"][source] += 1
    details["source"] = dict(details["source"])
    details["snippets_with_events"] = sum(bool(main_event(e)) for e in events)
    return {"dataset": NAME, "records": len(rows), "metrics": metrics, "details": details}


def load_snippets(data: Path, limit: int | None = None) -> list[dict[str, str]]:
    """Return the snippets.tsv rows (id, EventSnippet, SubType); raise ValueError on a bad header or label."""
    if not data.is_dir():
        raise FileNotFoundError(f"{data}: not a folder; pass the case2021_task2 folder (snippets.tsv)")
    path = find_data_file(data, "snippets.tsv")
    reader = csv.DictReader(io.StringIO(read_data_text(path)), delimiter="\t", quoting=csv.QUOTE_NONE)
    missing = {"EventSnippet", "SubType"} - set(reader.fieldnames or [])
    if missing:
        raise ValueError(f"{path}: header lacks {', '.join(sorted(missing))}; expected id, EventSnippet, SubType")
    rows = list(reader)
    unknown = {r["SubType"] for r in rows} - set(SUBTASK_TYPES["subtask3"])
    if unknown:
        raise ValueError(f"{path}: unknown SubType label(s) {', '.join(sorted(unknown))}")
    return rows[:limit] if limit is not None else rows


def evaluate(data: Path, *, limit: int | None = None, model: str = DEFAULT_MODEL) -> dict:
    """Code every snippet (or the first ``limit``) and score its ACLED sub-event type for subtasks 1-3."""
    rows = load_snippets(Path(data), limit)
    events = code_sentences([r["EventSnippet"] for r in rows], [None] * len(rows), model=model)
    return score_snippets(rows, events)
