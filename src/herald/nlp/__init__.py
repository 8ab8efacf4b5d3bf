"""NLP stage: parse each document's text with spaCy (tokens, sentences, entities, dependencies).

The model is loaded once per process by :func:`herald.nlp.model.load` (a lazy cache inside the
package, so Dask workers load it once each, never per task).
"""

from herald.nlp.model import load
from herald.nlp.parse import BATCH, parse

__all__ = ["BATCH", "load", "parse"]
