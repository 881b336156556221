"""The English check keeps terse English wire copy and drops other languages."""

from flashpoint.extract.language import english_ratio, is_english

TERSE_WIRE = ("BAGHDAD, March 3 - Iraqi security forces arrested 12 suspects over Tuesday rocket strikes on Baghdad "
              "airport, military spokesman Yehia Rasool told reporters, citing intelligence tips, Anbar province "
              "officials, Interior Ministry investigators, local tribal leaders.")
FRENCH = ("Le gouvernement irakien a convoqué mardi l'ambassadeur de Turquie après une frappe de drone qui a tué "
          "deux officiers des gardes-frontières dans la région de Sidakan, selon un communiqué du ministère.")
SPANISH = ("El gobierno iraquí convocó el martes al embajador de Turquía después de un ataque con drones que mató "
           "a dos oficiales de la guardia fronteriza en la región de Sidakan, según un comunicado oficial.")


def test_terse_english_wire_copy_is_english_even_with_few_function_words() -> None:
    assert english_ratio(TERSE_WIRE) < 0.12  # the old function-word check alone would have dropped it
    assert is_english(TERSE_WIRE)


def test_other_languages_are_not_english() -> None:
    assert not is_english(FRENCH)
    assert not is_english(SPANISH)


def test_short_texts_are_not_judged() -> None:
    assert is_english("Le gouvernement a parlé.")
