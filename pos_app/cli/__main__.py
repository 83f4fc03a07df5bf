"""``python -m pos_app.cli``: the same as the ``leeway`` command."""

from pos_app.cli import main

raise SystemExit(main())
