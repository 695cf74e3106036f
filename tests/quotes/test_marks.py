"""Quotation-mark pairing, paragraphs and sentence bounds (no model needed)."""

from parley.quotes.text import paragraphs, quoted_spans, sentence_spans


def spans(text):
    return [(text[q.start:q.end], q.closed, q.paragraphs) for q in quoted_spans(text, paragraphs(text))]


def test_straight_and_curly_marks_pair_up():
    text = 'He said "yes" and then “no” twice.'
    assert [s[0] for s in spans(text)] == ['"yes"', "“no”"]


def test_single_quotes_are_left_alone():
    text = "This never-ending 'bloodbath' must end, she said."
    assert spans(text) == []


def test_paragraph_continuation_joins_an_unclosed_quote():
    text = '"We are ready. The purpose is peace.\n"We do not exclude new truces."\nHe continued:'
    found = spans(text)
    assert len(found) == 1
    quote, closed, paras = found[0]
    assert quote.startswith('"We are ready') and quote.endswith('truces."')
    assert closed and paras == 2


def test_unclosed_quote_ends_with_its_paragraph():
    text = '"This is not finished\nThe next paragraph has no quote.'
    quote, closed, _ = spans(text)[0]
    assert quote == '"This is not finished' and not closed


def test_misplaced_closing_mark_opens_a_quote():
    text = "”Fear. I am truly afraid.” ― Edwin"
    assert spans(text)[0][0] == "”Fear. I am truly afraid.”"


def test_sentences_do_not_break_after_abbreviations():
    text = "Gen. Keith Kellogg met Mr. Barrett in the U.S. capital. They talked."
    bounds = sentence_spans(text, 0, len(text))
    assert [text[s:e] for s, e in bounds] == ["Gen. Keith Kellogg met Mr. Barrett in the U.S. capital.", "They talked."]


def test_paragraphs_skip_blank_lines():
    text = "One.\n\n  Two.  \n"
    assert [text[s:e] for s, e in paragraphs(text)] == ["One.", "Two."]


def test_single_curly_marks_are_quotes_in_british_style_paragraphs():
    text = "‘We don’t comment on leaks,’ he said. The leaders’ summit ended."
    assert [s[0] for s in spans(text)] == ["‘We don’t comment on leaks,’"]


def test_single_curly_marks_inside_double_quotes_stay_nested():
    text = "“They call it a ‘pause’,” she said."
    assert [s[0] for s in spans(text)] == ["“They call it a ‘pause’,”"]
