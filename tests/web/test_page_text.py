"""What the language checks read of a page (devtools/page_text.py)."""

from devtools.page_text import PageText


def _nodes(html: str, language: str = "fr") -> list[str]:
    parser = PageText(language)
    parser.feed(html)
    return parser.nodes


def test_a_part_marked_as_another_language_is_left_out_to_its_own_end():
    """A `<div lang="en">` ends at the `</div>` that closes it, not at the first inner one
    (the API documentation's English reference nests divs inside its container)."""
    html = (
        '<main><div lang="en"><div>Global Pilot Programme</div><p>Schemas'
        "<div><div>Scorecard</div></div> Try it out</div>"
        "<p>Bonjour<br>ici</p><ul><li>un<li>deux</ul></main>"
    )
    assert _nodes(html) == ["Bonjour", "ici", "un", "deux"]


def test_text_after_a_void_element_marked_as_another_language_is_still_read():
    assert _nodes('<p><img lang="en" alt="x">Texte</p>') == ["Texte"]


def test_the_page_language_itself_is_read():
    assert _nodes('<div lang="fr-ca"><span>Texte</span></div>') == ["Texte"]


def test_the_search_finds_what_every_pattern_would_find():
    """The catalogue search (`english_on`) skips an entry whose literal text is on no node;
    over a page of catalogue English (placeholders filled, alone and inside longer text), it
    finds exactly what trying every entry's pattern on every node finds."""
    from html import escape

    from devtools.page_text import PLACEHOLDER, catalogue_english, english_on, squash

    entries = catalogue_english("fr")
    sample = [msgid for msgid, _pattern, _needle in entries[::12]]
    sample += [msgid for msgid, _p, _n in entries if PLACEHOLDER.search(msgid)][:40]
    texts = []
    for msgid in sample:
        filled = PLACEHOLDER.sub("7", msgid)
        texts += [filled, f"Voir : {filled}.", f"« {filled} »"]
    html = '<html lang="fr"><body>' + "".join(f"<p>{escape(t)}</p>" for t in texts) + "</body>"
    nodes = [squash(t) for t in texts]
    every_pattern = {
        msgid for msgid, pattern, _needle in entries if any(pattern.search(n) for n in nodes)
    }
    assert len(every_pattern) > len(sample) / 2
    assert english_on(html, "fr") == every_pattern
