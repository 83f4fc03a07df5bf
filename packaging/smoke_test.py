"""Smoke test for the PyInstaller bundle: run dist/leeway/leeway the way a desk would.

Run by the project's venv python after ``make bundle`` (or alone: ``make bundle-test``):

    .venv/bin/python packaging/smoke_test.py [--bundle dist/leeway]

Why a separate test: what the spec gets wrong (a module imported by name, a data file
read at run time, metadata for entry points) is invisible at build time and in the
source tree; the bundle shipped once failing every voucher after the decision was
committed. So the bundle is copied to a temporary folder outside the checkout and run
with an environment that cannot see the source (no PYTHONPATH, no virtualenv, cwd and
HOME and the data folder all temporary). Each step prints its wall-clock time; the
first failure is reported with the command's output and the script exits 1.

The venv's python runs this script because it reads the voucher with the test tools
(pypdfium2 renders, zxing-cpp decodes, as tests/integration/test_vouchers.py does) and
runs the source install once or twice to compare the bundle's messages with it.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PIN = "2580\n"  # demo employee 1001 (pos_app/services/demo.py)
WINDOW_SECONDS = 4.0
TIMEOUT_S = 120
# Libraries the desk's own system provides, by the Debian package that has them.
# PyInstaller leaves these out on purpose (the C library; GL and libxcb must match the
# machine's drivers and X server); every other library the window needs is copied into
# the bundle from the build machine. README.md ("Installing on a desk") lists these
# packages in its apt-get line, and tests/packaging/test_smoke_test.py checks it does.
SYSTEM_LIBRARIES = {
    "libc.so.6": "libc6", "libm.so.6": "libc6", "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6", "librt.so.1": "libc6",
    "libGL.so.1": "libgl1", "libGLX.so.0": "libgl1", "libGLdispatch.so.0": "libgl1",
    "libEGL.so.1": "libegl1", "libxcb.so.1": "libxcb1",
}
# What the window loads: Qt's X11 (xcb) and offscreen platforms and our Qt modules.
WINDOW_LIBRARIES = (
    "PySide6/Qt/plugins/platforms/libqxcb.so",
    "PySide6/Qt/lib/libQt6XcbQpa.so.6",
    "PySide6/Qt/plugins/xcbglintegrations/libqxcb-glx-integration.so",
    "PySide6/Qt/plugins/platforms/libqoffscreen.so",
    "PySide6/Qt/plugins/imageformats/libqsvg.so",
    "PySide6/QtWidgets.abi3.so",
    "PySide6/QtPrintSupport.abi3.so",
    "PySide6/QtSvg.abi3.so",
)


class SmokeFailure(Exception):
    """One check failed; the message says which and shows the evidence."""


@dataclass
class Run:
    argv: Sequence[str]
    code: int
    out: str
    err: str

    def evidence(self) -> str:
        return (f"  command: {' '.join(self.argv)}\n  exit code: {self.code}\n"
                f"  stdout:\n{_indent(self.out)}\n  stderr:\n{_indent(self.err)}")


def _indent(text: str) -> str:
    lines = text.rstrip().splitlines()[-40:] or ["(empty)"]
    return "\n".join(f"    | {line}" for line in lines)


class Desk:
    """The copied bundle and a sealed environment to run it in."""

    def __init__(self, binary: Path, scratch: Path) -> None:
        self.binary = binary
        self.scratch = scratch
        home, runtime = scratch / "home", scratch / "runtime"
        home.mkdir()
        runtime.mkdir(mode=0o700)
        # Built from nothing rather than filtered from os.environ, so no PYTHONPATH,
        # PYTHONHOME, VIRTUAL_ENV, DISPLAY or LEEWAY_* of the caller leaks in.
        self.env = {
            "PATH": "/usr/bin:/bin",
            "HOME": str(home),
            "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": str(runtime),  # else Qt warns on stderr
            "LEEWAY_DATA_DIR": str(scratch / "data"),
            "LEEWAY_INSECURE_FILE_KEYRING": "1",
        }

    def run(self, *args: str, stdin: str = "", extra: dict[str, str] | None = None,
            without: Sequence[str] = ()) -> Run:
        env = {**self.env, **(extra or {})}
        for name in without:
            env.pop(name, None)
        argv = [str(self.binary), *args]
        try:
            done = subprocess.run(argv, input=stdin, capture_output=True, text=True,
                                  env=env, cwd=self.scratch, timeout=TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as exc:
            raise SmokeFailure(f"{' '.join(argv)} did not finish in {TIMEOUT_S} s") from exc
        return Run(argv, done.returncode, done.stdout, done.stderr)

    def ok(self, *args: str, stdin: str = "", extra: dict[str, str] | None = None) -> Run:
        result = self.run(*args, stdin=stdin, extra=extra)
        if result.code != 0 or "Traceback" in result.err:
            raise SmokeFailure(f"`leeway {' '.join(args)}` failed\n{result.evidence()}")
        return result


def source_run(args: Sequence[str], env: dict[str, str]) -> Run:
    """The same command from the source install (this venv, run in the checkout)."""
    argv = [sys.executable, "-m", "pos_app", *args]
    done = subprocess.run(argv, capture_output=True, text=True, cwd=ROOT, env=env,
                          timeout=TIMEOUT_S, check=False)
    return Run(argv, done.returncode, done.stdout, done.stderr)


def decode_voucher(pdf: Path) -> dict[str, str]:
    """The barcodes printed on the voucher's first page, by format."""
    import pypdfium2 as pdfium
    import zxingcpp

    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[0].render(scale=300 / 72).to_pil()
    finally:
        doc.close()
    return {r.format.name: r.text for r in zxingcpp.read_barcodes(image)}


def issue_voucher(desk: Desk, customer: str, pdf: Path,
                  extra: dict[str, str] | None = None) -> str:
    """A `decide` that grants a voucher and writes its PDF; returns the printed code."""
    result = desk.ok("decide", "--employee", "1001", "--customer", customer, "--action",
                     "discount_voucher", "--amount", "25.00", "--reason", "facility_issue",
                     "--voucher-pdf", str(pdf), "--json", stdin=PIN, extra=extra)
    try:
        data = json.loads(result.out)
    except json.JSONDecodeError as exc:
        raise SmokeFailure(f"decide --json printed no JSON\n{result.evidence()}") from exc
    code = data.get("voucher_code")
    # A voucher that cannot be rendered still exits 0 (the grant is committed) and says
    # why in voucher_pdf_error: exactly how the reportlab bug hid, so look for it.
    if not code or data.get("voucher_pdf_error") or data.get("voucher_pdf") != str(pdf):
        raise SmokeFailure(f"decide granted no voucher with a PDF\n{result.evidence()}")
    if not pdf.is_file() or not pdf.read_bytes().startswith(b"%PDF"):
        raise SmokeFailure(f"decide did not write a PDF at {pdf}\n{result.evidence()}")
    return str(code)


def check_same_as_source(desk: Desk, args: Sequence[str], extra: dict[str, str],
                         without: Sequence[str] = ()) -> None:
    """The bundle says what the source install says (catalogs, entry points shipped)."""
    bundled = desk.run(*args, extra=extra, without=without)
    env = {**desk.env, **extra}
    for name in without:
        env.pop(name, None)
    source = source_run(args, env)
    if (bundled.code, bundled.out, bundled.err) != (source.code, source.out, source.err):
        raise SmokeFailure(f"the bundle and the source install disagree\nbundle:\n"
                           f"{bundled.evidence()}\nsource:\n{source.evidence()}")
    if "Traceback" in bundled.err:
        raise SmokeFailure(f"`leeway {' '.join(args)}` crashed\n{bundled.evidence()}")


def check_window_libraries(internal: Path) -> None:
    """The window's libraries come from the bundle, or are ones a desk's system has.

    On the build machine everything resolves, so a library PyInstaller did not copy
    (libxcb-cursor0 missing when the bundle was built, say) goes unnoticed until a desk
    without it cannot open the window. ldd shows where each one would come from.
    """
    ldd = shutil.which("ldd")
    if ldd is None:
        raise SmokeFailure("ldd is not on PATH (Debian package libc-bin)")
    search = f"{internal}:{internal / 'PySide6' / 'Qt' / 'lib'}"
    problems = []
    for name in WINDOW_LIBRARIES:
        library = internal / name
        if not library.is_file():
            problems.append(f"{name} is not in the bundle")
            continue
        done = subprocess.run([ldd, str(library)], capture_output=True, text=True,
                              env={"LD_LIBRARY_PATH": search, "PATH": "/usr/bin:/bin"},
                              timeout=TIMEOUT_S, check=False)
        for line in done.stdout.splitlines():
            soname, arrow, where = line.strip().partition(" => ")
            if not arrow:
                continue  # the dynamic loader itself, or linux-vdso
            path = where.split(" (")[0]
            if path == "not found":
                problems.append(f"{name} needs {soname}, found nowhere")
            elif not Path(path).resolve().is_relative_to(internal) and (
                    soname not in SYSTEM_LIBRARIES):
                problems.append(f"{name} needs {soname}, which the bundle lacks (taken from"
                                f" {path} here; install its package on the build machine"
                                " and rebuild, or add it to SYSTEM_LIBRARIES and README.md)")
    if problems:
        raise SmokeFailure("\n  ".join(["the window's libraries:", *sorted(set(problems))]))


def check_catalogs(internal: Path) -> None:
    """Every compiled catalog in the source tree is in the bundle, byte for byte."""
    source = ROOT / "pos_app" / "locale"
    catalogs = sorted([*source.rglob("*.mo"), *source.rglob("*.qm")])
    if not catalogs:
        raise SmokeFailure(f"no compiled catalogs (.mo, .qm) under {source}")
    for catalog in catalogs:
        bundled = internal / catalog.relative_to(ROOT)
        if not bundled.is_file() or bundled.read_bytes() != catalog.read_bytes():
            raise SmokeFailure(f"{bundled} is missing or differs from {catalog}: is"
                               " pos_app/locale in leeway.spec's DATA, and the bundle fresh?")


def check_window(desk: Desk) -> None:
    """The desk window starts (offscreen), stays up and says nothing on stderr."""
    env = {**desk.env, "QT_QPA_PLATFORM": "offscreen"}
    with subprocess.Popen([str(desk.binary)], cwd=desk.scratch, env=env, text=True,
                          stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE) as proc:
        time.sleep(WINDOW_SECONDS)
        still_running = proc.poll() is None
        if still_running:
            proc.terminate()
        try:
            out, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    result = Run([str(desk.binary)], proc.returncode, out, err)
    if not still_running:
        raise SmokeFailure(f"the window exited within {WINDOW_SECONDS:.0f} s\n"
                           f"{result.evidence()}")
    if err:
        raise SmokeFailure(f"the window wrote to stderr\n{result.evidence()}")


@contextmanager
def step(name: str, timings: list[tuple[str, float]]) -> Iterator[None]:
    start = time.monotonic()
    try:
        yield
    except SmokeFailure as exc:
        raise SmokeFailure(f"{name}: {exc}") from exc
    except Exception as exc:  # an unexpected answer (bad JSON, no file): still one report
        raise SmokeFailure(f"{name}: {type(exc).__name__}: {exc}") from exc
    elapsed = time.monotonic() - start
    timings.append((name, elapsed))
    print(f"  ok  {elapsed:6.2f} s  {name}", flush=True)


def smoke(bundle: Path) -> list[tuple[str, float]]:
    timings: list[tuple[str, float]] = []
    if not (bundle / "leeway").is_file():
        raise SmokeFailure(f"no bundle at {bundle}: run `make bundle` first")
    with tempfile.TemporaryDirectory(prefix="leeway-smoke-") as tmp:
        scratch = Path(tmp)
        if scratch.resolve().is_relative_to(ROOT):
            raise SmokeFailure(f"the temporary folder {scratch} is inside the checkout")
        with step("copy the bundle out of the checkout", timings):
            copy = shutil.copytree(bundle, scratch / "leeway", symlinks=True)
            work = scratch / "work"
            work.mkdir()
            desk = Desk(Path(copy) / "leeway", work)
        with step("leeway init --demo", timings):
            desk.ok("init", "--demo")
        pdf = work / "voucher.pdf"
        with step("leeway decide --voucher-pdf (a voucher is granted and printed)", timings):
            code = issue_voucher(desk, "C100030", pdf)
        with step("the voucher's QR code and barcode decode to the printed code", timings):
            found = decode_voucher(pdf)
            if found.get("QRCode") != code or found.get("Code128") != code:
                raise SmokeFailure(f"the voucher {pdf} decodes to {found}, expected {code}")
        with step("leeway voucher verify CODE", timings):
            info = json.loads(desk.ok("voucher", "verify", code, "--json").out)
            if info.get("valid") is not True or info.get("status") != "issued":
                raise SmokeFailure(f"voucher verify {code} says {info}")
        with step("LANGUAGE=de leeway decide --voucher-pdf", timings):
            issue_voucher(desk, "C100031", work / "voucher-de.pdf", extra={"LANGUAGE": "de"})
        with step("the translation catalogs ship with the bundle", timings):
            check_catalogs(Path(copy).resolve() / "_internal")
        with step("LANGUAGE=de: the bundle's messages match the source's", timings):
            check_same_as_source(desk, ["voucher", "verify", "NOPE"], {"LANGUAGE": "de"})
        with step("without a keyring: the same refusal as the source install", timings):
            check_same_as_source(desk, ["employees", "list"], {},
                                 without=["LEEWAY_INSECURE_FILE_KEYRING"])
        with step("time zones without the system's zone database (tzdata ships)", timings):
            # PYTHONTZPATH="" hides /usr/share/zoneinfo, as on a stripped-down till.
            settings = desk.ok("terminal", "settings", "--time-zone", "Europe/Berlin",
                               "--json", extra={"PYTHONTZPATH": ""})
            if json.loads(settings.out).get("time_zone") != "Europe/Berlin":
                raise SmokeFailure(f"the zone was not set\n{settings.evidence()}")
        with step("leeway audit verify", timings):
            desk.ok("audit", "verify")
        with step("the window's libraries are bundled or listed in README.md", timings):
            check_window_libraries(Path(copy).resolve() / "_internal")
        with step(f"the window runs {WINDOW_SECONDS:.0f} s offscreen, stderr empty", timings):
            check_window(desk)
    return timings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "leeway",
                        help="the one-folder bundle (default: dist/leeway)")
    args = parser.parse_args(argv)
    print(f"Smoke test of {args.bundle}", flush=True)
    start = time.monotonic()
    try:
        smoke(args.bundle.resolve())
    except SmokeFailure as exc:
        print(f"FAIL: {exc}", file=sys.stderr)
        return 1
    print(f"Bundle smoke test passed in {time.monotonic() - start:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
