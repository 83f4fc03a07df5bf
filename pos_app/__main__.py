"""Allow ``python -m pos_app`` as a synonym for the ``leeway`` command."""

from pos_app.cli import main

raise SystemExit(main())
