"""Search across the programme: roadmaps, versions, meetings, Guidebook chapters,
organisations and people, found by the words of their titles and texts.

It lives in the portal because it reads several apps. Every kind is read through the same
scoped queryset as that kind's own pages (`visible_to(user)`, or the rule of the page a result
links to), so counts, titles and snippets only ever come from records the searcher may open.
"""
