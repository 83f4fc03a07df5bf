"""Use cases over a unit of work; the CLI and the desktop client call the same ones."""
