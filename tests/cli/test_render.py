"""Evidence rendering: the trigger, actor and recipient spans are styled on the sentence."""

from flashpoint.cli.render import highlighted_sentence

ARTICLE = "Intro line.\n\nIran fired missiles at US troops in Iraq. Later, Iran said little."


def record() -> dict:
    sentence = "Iran fired missiles at US troops in Iraq."
    base = ARTICLE.index(sentence)
    return {"sentence": sentence, "trigger": {"span": [base + 5, base + 10]},
            "actor": [{"span": [base, base + 4]}], "recipient": [{"span": [base + 23, base + 32]}]}


def styled(text) -> dict[str, str]:
    return {str(span.style): text.plain[span.start:span.end] for span in text.spans}


def test_trigger_actor_and_recipient_are_highlighted() -> None:
    assert styled(highlighted_sentence(record(), ARTICLE)) == {
        "bold red": "fired", "bold cyan": "Iran", "bold magenta": "US troops"}


def test_a_sentence_missing_from_the_text_is_shown_plain() -> None:
    assert highlighted_sentence(record(), "some other text").spans == []
