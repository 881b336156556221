"""ACLED's event taxonomy: each of its 25 sub-event types and the event type it belongs to, in ACLED's wording.

Shared by the coder (coding/acled.py assigns a sub-event type to coded reports) and the ACLED importer (which keeps a
row's own sub-event type), so both write the same strings. Names as in the ACLED codebook (2023 edition).
"""

from __future__ import annotations

ACLED_EVENT_TYPES: dict[str, str] = {
    "Armed clash": "Battles",
    "Government regains territory": "Battles",
    "Non-state actor overtakes territory": "Battles",
    "Chemical weapon": "Explosions/Remote violence",
    "Air/drone strike": "Explosions/Remote violence",
    "Suicide bomb": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Remote explosive/landmine/IED": "Explosions/Remote violence",
    "Grenade": "Explosions/Remote violence",
    "Sexual violence": "Violence against civilians",
    "Attack": "Violence against civilians",
    "Abduction/forced disappearance": "Violence against civilians",
    "Peaceful protest": "Protests",
    "Protest with intervention": "Protests",
    "Excessive force against protesters": "Protests",
    "Violent demonstration": "Riots",
    "Mob violence": "Riots",
    "Agreement": "Strategic developments",
    "Arrests": "Strategic developments",
    "Change to group/activity": "Strategic developments",
    "Disrupted weapons use": "Strategic developments",
    "Headquarters or base established": "Strategic developments",
    "Looting/property destruction": "Strategic developments",
    "Non-violent transfer of territory": "Strategic developments",
    "Other": "Strategic developments",
}


def find_sub_event_type(text: str) -> str | None:
    """Return ACLED's spelling of a sub-event type named in any letter case ("armed clash" -> "Armed clash")."""
    wanted = text.strip().lower()
    return next((name for name in ACLED_EVENT_TYPES if name.lower() == wanted), None)
