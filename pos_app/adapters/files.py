"""Writing a file a person asked for (a voucher PDF) so that it is whole or absent.

The bytes go to a ``.part`` file beside the target, then replace the target in one
rename: a full disk or a crash never leaves half a voucher under the final name.
"""

from __future__ import annotations

from pathlib import Path


def write_atomically(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    except OSError:
        tmp.unlink(missing_ok=True)
        raise
