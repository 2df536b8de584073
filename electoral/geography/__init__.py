"""Electoral geography: importers (manager logic), SVG maps, lookup helpers and views.

Nothing here is imported by `electoral.models` at module level except
`managers` and `text`, which import no models themselves.
"""
