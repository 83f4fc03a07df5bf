"""Allow ``python -m pos_app`` as a synonym for the ``leeway`` command (and the bundle's
entry point).

Guarded, with ``freeze_support()`` first: a big customer import validates in helper
processes, which are spawned and import this module again; in the bundle they start by
running this file, and must become helpers instead of a second command line.
"""

import multiprocessing

from pos_app.cli import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    raise SystemExit(main())
