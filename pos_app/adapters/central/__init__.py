"""The central database: its schema, terminal registration, and the push/pull cycle."""
