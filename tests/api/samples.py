"""Small hand-written articles with hand-placed records, for the API and page tests.

Offsets are computed from the text (``span``), so each record points at exactly the
words it claims to.  One article is hostile: its text, title, source and URL carry
``<script>`` and attribute-breaking quotes, and records sit on those very characters.
"""

from __future__ import annotations

from datetime import date

from parley.records import Analysis, Article, Claim, Entity, Event, Flag, Quote

TOKEN = "test-token-0123456789"

RUS = dict(code="RUS", sector="GOV", entity_text="Russia", identifier_text="Russia")
UKR = dict(code="UKR", sector="GOV", entity_text="Ukraine", identifier_text="Ukraine")
USA = dict(code="USA", sector="GOV", entity_text="The United States", identifier_text="United States")
TUR = dict(code="TUR", sector="GOV", entity_text="Turkey", identifier_text="Turkey")

XSS_TITLE = '<script>window.__pwned = "title"</script>Talks "stall" \' onmouseover=\'window.__pwned=1'
XSS_PAYLOADS = (
    '<script>window.__pwned = "text"</script>',
    '"><img src=x onerror="window.__pwned=\'img\'">',
    "' autofocus onfocus='window.__pwned=\"attr\"",
)


def span(text: str, phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def sentence_of(text: str, phrase: str) -> tuple[int, int]:
    start, end = span(text, phrase)
    s = text.rfind(". ", 0, start)
    s = 0 if s == -1 else s + 2
    e = text.find(".", end)
    return s, (len(text) if e == -1 else e + 1)


def event(article: Article, k: int, trigger: str, kind: str, actor: list[dict], recipient: list[dict],
          day: str | None, evidentiality: str, **extra) -> Event:
    text = article.text
    t_start, t_end = span(text, trigger)
    s_start, s_end = sentence_of(text, trigger)
    return Event(
        id=f"{article.id}-e{k}", article_id=article.id, date=day, event=[kind], mode=[], context=["diplomatic"],
        actor=[Entity(**a) for a in actor], recipient=[Entity(**r) for r in recipient], event_loc=None,
        event_text=text[s_start:s_end], text_info={"start": s_start, "end": s_end}, cameo=None,
        evidentiality=evidentiality, trigger={"text": trigger, "start": t_start, "end": t_end},
        cite_info={"url": article.url, "title": article.title, "publication": article.source,
                   "published": article.published.isoformat() if article.published else None},
        **extra,
    )


def talks_article() -> Analysis:
    text = (
        "Russia offered direct talks with Ukraine in Istanbul on May 15, the Kremlin said. "
        "Ukraine demanded a 30-day ceasefire first. "
        '"We are ready to meet," Zelensky wrote on X. '
        "Polish President Donald Tusk called the offer a trick. "
        "Russian forces reportedly shelled Kharkiv overnight."
    )
    article = Article(id="talks-1", text=text, published=date(2025, 5, 11), source="Wire", title="Talks offered",
                      url="https://example.org/talks")
    q_start, q_end = span(text, "We are ready to meet")
    f_start, f_end = span(text, "Polish President Donald Tusk")
    c_start, c_end = sentence_of(text, "reportedly shelled")
    return Analysis(
        article=article,
        events=[
            event(article, 0, "offered", "AGREE", [RUS], [UKR], "2025-05-11", "attributed"),
            event(article, 1, "demanded", "REQUEST", [UKR], [RUS], "2025-05-11", "outlet"),
            event(article, 2, "shelled", "ASSAULT", [RUS], [UKR], "2025-05-10", "hedged"),
        ],
        quotes=[Quote(id="talks-1-q0", text=text[q_start:q_end], start=q_start, end=q_end, kind="direct",
                      speaker=Entity(code="UKR", sector="GOV", entity_text="Zelensky",
                                     identifier_text="Volodymyr Zelensky", office="President"),
                      anonymous=False, cue="wrote", medium="X", date="2025-05-11")],
        flags=[Flag(kind="role_mismatch", start=f_start, end=f_end, mention=text[f_start:f_end],
                    message="Donald Tusk was Prime Minister of Poland on 2025-05-11, not President",
                    expected="Prime Minister")],
        claims=[Claim(id="talks-1-c0", text=text[c_start:c_end], start=c_start, end=c_end, evidentiality="hedged")],
    )


def truce_article() -> Analysis:
    text = (
        "The United States urged Russia to accept a truce. "
        "Turkey agreed to host the meeting in Istanbul. "
        "Russia rejected the truce proposal on Monday."
    )
    article = Article(id="truce-2", text=text, published=date(2025, 5, 12), source="Daily", title="Truce urged")
    return Analysis(
        article=article,
        events=[
            event(article, 0, "urged", "REQUEST", [USA], [RUS], "2025-05-12", "outlet"),
            event(article, 1, "agreed", "AGREE", [TUR], [], "2025-05-12", "outlet"),
            event(article, 2, "rejected", "REJECT", [RUS], [USA], "2025-05-12", "outlet"),
        ],
    )


def hostile_article() -> Analysis:
    """Markup and quote characters everywhere an article's words can reach a page."""
    text = (
        f"Officials met today. {XSS_PAYLOADS[0]} The envoy rejected the plan. "
        f"{XSS_PAYLOADS[1]} A spokesman said \"{XSS_PAYLOADS[2]}\" loudly. "
        "Russia accused Ukraine of sabotage."
    )
    article = Article(id='evil"><script>-3', text=text, published=date(2025, 5, 13),
                      source='<b onmouseover="window.__pwned=1">Src</b>', title=XSS_TITLE,
                      url="javascript:window.__pwned='url'")
    q_start, q_end = span(text, XSS_PAYLOADS[2])
    f_start, f_end = span(text, XSS_PAYLOADS[0])
    evil = dict(code="RUS", sector="GOV", entity_text='<img src=x onerror="window.__pwned=2">',
                identifier_text="<script>window.__pwned=3</script>")
    return Analysis(
        article=article,
        events=[
            event(article, 0, "rejected", "REJECT", [evil], [UKR], "2025-05-13", "outlet"),
            event(article, 1, "accused", "ACCUSE", [RUS], [UKR], "2025-05-13", "attributed"),
        ],
        quotes=[Quote(id="evil-q0", text=text[q_start:q_end], start=q_start, end=q_end, kind="direct",
                      speaker=Entity(**evil), anonymous=False, cue="said", medium='"><script>x</script>',
                      date="2025-05-13")],
        flags=[Flag(kind="unattributed_claim", start=f_start, end=f_end, mention=text[f_start:f_end],
                    message='<script>window.__pwned="flag"</script>')],
    )


def sample_analyses() -> list[Analysis]:
    return [talks_article(), truce_article(), hostile_article()]


def quick_analyze(article: Article) -> Analysis:
    """A stand-in for ``parley.analyze_article`` in job tests: one outlet event per article.

    The job runner's contract (progress, storing, errors) is what those tests check;
    the real pipeline runs in the slow test.
    """
    if "unanalysable" in article.text:
        from parley.errors import InputError

        raise InputError("cannot code this text", source=article.id)
    first = article.text.split()[0]
    return Analysis(article=article, events=[event(article, 0, first, "CONSULT", [RUS], [UKR], None, "outlet")])
