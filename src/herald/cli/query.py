"""Store queries: events, quotes, dyads, show, sql, export, stories, actors."""
