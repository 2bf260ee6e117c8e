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
