"""Extract stage: from a raw record to the clean article, its title, page dates and language.

HTML goes through trafilatura and htmldate; plain text that someone already scraped goes
through herald's own line-level boilerplate remover (:mod:`herald.extract.text`).
"""

from herald.extract.run import extract, extract_one

__all__ = ["extract", "extract_one"]
