"""The terminal's local store: SQLAlchemy models, engine, unit of work and search."""
