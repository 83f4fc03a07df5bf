"""Adapters: the local SQLite store, the central database, files and secrets."""
