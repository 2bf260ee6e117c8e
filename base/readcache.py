"""`{% readcache read_key %}...{% endreadcache %}`: a page's part kept under a read key.

A page whose view puts a `read_key` (`base.cache.page_read_key`) in its context wraps the
part that reads the programme's data in this tag. The part is drawn only when no copy is kept
under the key, and then by one request at a time (`base.cache.read_through`): after a write,
the readers who ask meanwhile wait for that one drawing instead of each drawing it again.
Loaded as a builtin (see TEMPLATES in config/settings.py).
"""

from __future__ import annotations

from django import template

from base.cache import ReadKey, read_through

register = template.Library()


class ReadCacheNode(template.Node):
    def __init__(self, nodelist: template.NodeList, key: template.base.FilterExpression):
        self.nodelist = nodelist
        self.key = key

    def render(self, context) -> str:
        key = self.key.resolve(context)
        if not isinstance(key, ReadKey):
            raise template.TemplateSyntaxError("readcache needs a read key (base.cache).")
        return read_through(key, lambda: self.nodelist.render(context))


@register.tag("readcache")
def readcache(parser, token) -> ReadCacheNode:
    """{% readcache read_key %}: the enclosed part, kept under `read_key`."""
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("Usage: {% readcache read_key %}...{% endreadcache %}")
    nodelist = parser.parse(("endreadcache",))
    parser.delete_first_token()
    return ReadCacheNode(nodelist, parser.compile_filter(bits[1]))
