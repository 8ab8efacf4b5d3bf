"""Stories stage: group copies of one story (near-duplicate clean texts) under one ``story_id``."""

from herald.stories.index import StoryIndex, assign

__all__ = ["StoryIndex", "assign"]
