"""{% page_fragment "name" arg ... %} … {% endpage_fragment %}: see home/fragments.py."""

from django import template
from django.utils.safestring import mark_safe

from home import fragments

register = template.Library()


class PageFragmentNode(template.Node):
    def __init__(self, nodelist, name, parts):
        self.nodelist = nodelist
        self.name = name
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        name = self.name.resolve(context)
        parts = [part.resolve(context) for part in self.parts]
        cache_key, html = fragments.get(request, name, parts)
        if html is not None:
            return mark_safe(html)
        html = self.nodelist.render(context)
        if cache_key is not None and "csrfmiddlewaretoken" not in html:
            fragments.put(request, cache_key, str(html))
        return html


@register.tag("page_fragment")
def page_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("page_fragment needs a name")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
