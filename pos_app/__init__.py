"""Leeway: the recovery desk for retail counters and hotel front desks.

The package is layered (see ``docs/`` and the shared DESIGN.md): ``domain`` is pure
Python, ``services`` are the use cases, ``adapters`` talk to databases and files, and
``ui`` is the only place PySide6 is imported.
"""

__version__ = "0.1.0"
