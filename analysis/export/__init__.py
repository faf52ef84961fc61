"""Open data: the tables described for other tools (Frictionless Data Package) and as SQLite."""
