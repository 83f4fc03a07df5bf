"""The child process of figure 9; run by ``benchmarks.joining``, never imported by it.

    python -m benchmarks.join_child DESK ADMIN_URL TERMINAL_ID LAST_ID COUNT

Creates a new desk (not timed), then times ``leeway terminal register`` and ``leeway
sync`` through the real command line, then searches the customer whose id sorts last
by e-mail address (the trigram index). Prints one JSON line: the seconds, the phases,
what the desk holds, whether the search found it, and the process's peak RSS.
"""

from __future__ import annotations

import contextlib
import io
import json
import sys
import time
from pathlib import Path

from benchmarks.child import peak_kib


def main(argv: list[str]) -> int:
    desk, url, terminal_id, last_id, count = argv
    from pos_app.bootstrap import init_terminal, open_app
    from pos_app.cli import main as leeway
    from pos_app.services.customers import search_customers

    init_terminal(Path(desk), terminal_id=terminal_id, insecure_keyring=True).close()
    out = io.StringIO()
    started = time.perf_counter()
    with contextlib.redirect_stdout(out):
        code = leeway(["--data-dir", desk, "terminal", "register", "--central", url])
        registered = time.perf_counter()
        code = code or leeway(["--data-dir", desk, "sync", "--json"])
    synced = time.perf_counter()
    if code != 0:
        print(out.getvalue()[-2000:], file=sys.stderr)
        return 1
    app = open_app(Path(desk), insecure_keyring=True)
    try:
        with app.uow() as uow:
            held = uow.customers.count()
            wanted = uow.customers.get(last_id)
            found = wanted is not None and any(
                c.id == last_id for c in search_customers(uow, wanted.email, 50))
    finally:
        app.close()
    took = time.perf_counter() - started
    print(json.dumps({"seconds": round(took, 3), "register_s": round(registered - started, 3),
                      "sync_s": round(synced - registered, 3),
                      "search_s": round(took - (synced - started), 3), "held": held,
                      "expected": int(count), "found": found, "peak_kib": peak_kib()}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
