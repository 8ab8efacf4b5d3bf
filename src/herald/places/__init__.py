"""Places stage: resolve place mentions offline, find the dateline, locate each event.

``locate(docs)`` fills ``doc.places``, ``doc.dateline`` and ``event.location``; ``action_geo(place)``
gives a place's GDELT ActionGeo columns for exports. See docs/places.md.
"""

from herald.places.gdelt import action_geo
from herald.places.stage import locate

__all__ = ["action_geo", "locate"]
