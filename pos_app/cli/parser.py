"""The command line's arguments: names, flags and help (a stable contract, see
DESIGN.md); each command maps to one ``cmd_*`` function."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from pos_app.cli.approvals import cmd_approval_answer, cmd_approval_waiting, cmd_phone_answer
from pos_app.cli.desk import (
    cmd_decide,
    cmd_employees_add,
    cmd_employees_disable,
    cmd_employees_list,
    cmd_employees_pin,
    cmd_employees_unlock,
    cmd_import_customers,
    cmd_init,
    cmd_policy_load,
    cmd_policy_show,
    cmd_terminal_settings,
    cmd_voucher_pdf,
    cmd_voucher_redeem,
    cmd_voucher_verify,
)
from pos_app.cli.operations import (
    cmd_audit_head,
    cmd_audit_verify,
    cmd_central_audit_verify,
    cmd_central_init,
    cmd_central_policy_publish,
    cmd_central_staff_add,
    cmd_central_staff_disable,
    cmd_central_staff_pin,
    cmd_export_decisions,
    cmd_gui,
    cmd_sync,
    cmd_terminal_register,
)
from pos_app.cli.review import (
    cmd_central_policy_whatif,
    cmd_central_report_decisions,
    cmd_central_report_patterns,
    cmd_policy_whatif,
    cmd_recognise,
    cmd_report_decisions,
    cmd_report_patterns,
)
from pos_app.i18n import N_, _

DESCRIPTION = N_("The operations command line: a stable contract over the same services as"
                  " the windows.")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="leeway", description=_(DESCRIPTION))
    p.add_argument("--data-dir", help=_("terminal data folder (default: $LEEWAY_DATA_DIR or "
                   "the platform's user data folder)"))
    p.add_argument("--insecure-file-keyring", action="store_true",
                   help=_("keep secrets in a file keyring inside the data folder (kiosks, dev)"))
    p.set_defaults(func=cmd_gui)
    sub = p.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], helptext: str,
            parent: Any = sub) -> argparse.ArgumentParser:
        sp: argparse.ArgumentParser = parent.add_parser(name, help=helptext)
        sp.set_defaults(func=func)
        return sp

    init = add("init", cmd_init, _("create this terminal's database"))
    init.add_argument("--demo", action="store_true", help=_("add demo staff and customers"))
    init.add_argument("--terminal-id")
    init.add_argument("--store")
    init.add_argument("--locale", help=_("desk locale, e.g. en_US, de_DE (default: the"
                                         " system's, else en_US)"))

    imp = sub.add_parser("import", help=_("import data")).add_subparsers(dest="what",
                                                                      required=True)
    add("customers", cmd_import_customers, _("import customers from CSV"), imp).add_argument(
        "file")

    emp = sub.add_parser("employees", help=_("manage employees")).add_subparsers(
        dest="what", required=True)
    ea = add("add", cmd_employees_add, _("add an employee (PIN from stdin)"), emp)
    ea.add_argument("--id", required=True)
    ea.add_argument("--name", required=True)
    ea.add_argument("--tier", required=True)
    add("list", cmd_employees_list, _("list employees"), emp).add_argument("--json",
                                                                        action="store_true")
    add("unlock", cmd_employees_unlock, _("lift a lockout"), emp).add_argument("id")
    ep = add("pin", cmd_employees_pin, _("change a PIN (stdin: old PIN or the manager's PIN, "
             "then the new PIN)"), emp)
    ep.add_argument("id")
    ep.add_argument("--manager", help=_("a manager's ID, instead of the old PIN"))
    add("disable", cmd_employees_disable, _("disable an employee"), emp).add_argument("id")

    pol = sub.add_parser("policy", help=_("show or load the policy")).add_subparsers(
        dest="what", required=True)
    add("show", cmd_policy_show, _("show the active policy"), pol).add_argument(
        "--json", action="store_true")
    add("load", cmd_policy_load, _("validate and activate a policy"), pol).add_argument("file")
    pw = add("whatif", cmd_policy_whatif, _("replay this desk's decisions under a candidate"
             " policy"), pol)
    pw.add_argument("file", metavar="FILE.toml")
    review_options(pw, pdf=False)

    d = add("decide", cmd_decide, _("judge and record one recovery (PINs from stdin)"))
    d.add_argument("--employee", required=True)
    d.add_argument("--customer", required=True)
    d.add_argument("--action", required=True)
    d.add_argument("--amount", required=True)
    d.add_argument("--reason", required=True)
    d.add_argument("--note")
    d.add_argument("--approver")
    d.add_argument("--voucher-pdf")
    d.add_argument("--json", action="store_true")
    far = d.add_mutually_exclusive_group()
    far.add_argument("--phone-challenge", action="store_true",
                     help=_("print a challenge to read to a manager by telephone; exit 3"))
    far.add_argument("--approval-code", metavar="ANSWER",
                     help=_("the answer a manager read back (with --approver)"))

    rep = sub.add_parser("report", help=_("review and learning")).add_subparsers(
        dest="what", required=True)
    rd = add("decisions", cmd_report_decisions, _("decisions of a period, with totals"), rep)
    review_options(rd, pdf=True)
    rp = add("patterns", cmd_report_patterns, _("root causes and patterns of a period"), rep)
    review_options(rp, pdf=False)
    rc = add("recognise", cmd_recognise, _("mark a decision as well done (PIN from stdin)"))
    rc.add_argument("decision_id")
    rc.add_argument("--by", required=True, help=_("the manager's ID"))
    rc.add_argument("--note")
    rc.add_argument("--json", action="store_true")

    apr = sub.add_parser("approval", help=_("approvals from afar")).add_subparsers(
        dest="what", required=True)
    pa = add("phone-answer", cmd_phone_answer,
             _("answer a telephone challenge (the manager's side; PIN from stdin)"), apr)
    pa.add_argument("challenge")
    pa.add_argument("--employee", required=True)
    pa.add_argument("--json", action="store_true")
    aw = add("waiting", cmd_approval_waiting,
             _("online requests you may answer (PIN from stdin)"), apr)
    aw.add_argument("--employee", required=True)
    aw.add_argument("--json", action="store_true")
    aa = add("answer", cmd_approval_answer,
             _("approve an online request, or --decline WHY (PIN from stdin)"), apr)
    aa.add_argument("request_id")
    aa.add_argument("--employee", required=True)
    aa.add_argument("--decline", metavar="WHY")
    aa.add_argument("--json", action="store_true")

    vou = sub.add_parser("voucher", help=_("verify or redeem a voucher")).add_subparsers(
        dest="what", required=True)
    vv = add("verify", cmd_voucher_verify, _("check a voucher code"), vou)
    vv.add_argument("code")
    vv.add_argument("--json", action="store_true")
    vr = add("redeem", cmd_voucher_redeem, _("redeem a voucher (single use; PIN from stdin)"),
             vou)
    vr.add_argument("code")
    vr.add_argument("--employee", required=True)
    vr.add_argument("--json", action="store_true")
    vp = add("pdf", cmd_voucher_pdf, _("write a voucher known here as PDF again (marked COPY)"),
             vou)
    vp.add_argument("code")
    vp.add_argument("--out", required=True, metavar="FILE")
    vp.add_argument("--layout", choices=("a6", "receipt"), default="a6")

    aud = sub.add_parser("audit", help=_("verify the audit log")).add_subparsers(
        dest="what", required=True)
    av = add("verify", cmd_audit_verify, _("recompute the hash chain"), aud)
    av.add_argument("--json", action="store_true")
    av.add_argument("--head", help=_("a head exported earlier with 'audit head --json'; "
                    "detects a truncated log"))
    add("head", cmd_audit_head, _("print the chain's head"), aud).add_argument(
        "--json", action="store_true")

    cen = sub.add_parser("central", help=_("the central database")).add_subparsers(
        dest="what", required=True)
    add("init", cmd_central_init, _("create or upgrade the central schema"), cen).add_argument(
        "--url", required=True)
    # Shared rules, with the administrator's credentials (--url is the administrator's).
    cpol = cen.add_parser("policy", help=_("policies every desk receives")).add_subparsers(
        dest="which", required=True)
    cpp = add("publish", cmd_central_policy_publish, _("validate and publish a policy to every"
              " desk"), cpol)
    cpp.add_argument("file", metavar="FILE.toml")
    cpp.add_argument("--url", required=True)
    cpw = add("whatif", cmd_central_policy_whatif, _("replay every desk's decisions under a"
              " candidate policy, before publishing it"), cpol)
    cpw.add_argument("file", metavar="FILE.toml")
    review_options(cpw, pdf=False)
    cpw.add_argument("--url", required=True)
    caud = cen.add_parser("audit", help=_("every desk's audit chain")).add_subparsers(
        dest="which", required=True)
    cav = add("verify", cmd_central_audit_verify, _("recompute every desk's hash chain"), caud)
    cav.add_argument("--url", required=True)
    cav.add_argument("--json", action="store_true")
    cst = cen.add_parser("staff", help=_("staff every desk trusts")).add_subparsers(
        dest="which", required=True)
    csa = add("add", cmd_central_staff_add, _("add an employee for every desk (PIN from stdin)"),
              cst)
    csa.add_argument("--id", required=True)
    csa.add_argument("--name", required=True)
    csa.add_argument("--tier", required=True)
    csa.add_argument("--url", required=True)
    csp = add("pin", cmd_central_staff_pin, _("set an employee's PIN (new PIN from stdin)"), cst)
    csp.add_argument("id")
    csp.add_argument("--url", required=True)
    csd = add("disable", cmd_central_staff_disable, _("disable an employee at every desk"), cst)
    csd.add_argument("id")
    csd.add_argument("--url", required=True)
    crep = cen.add_parser("report", help=_("head office's review of every desk")
                          ).add_subparsers(dest="which", required=True)
    crd = add("decisions", cmd_central_report_decisions, _("every desk's decisions of a period"),
              crep)
    review_options(crd, pdf=True)
    crd.add_argument("--url", required=True)
    crp = add("patterns", cmd_central_report_patterns, _("root causes and patterns across"
              " desks"), crep)
    review_options(crp, pdf=False)
    crp.add_argument("--url", required=True)
    ter = sub.add_parser("terminal", help=_("this terminal")).add_subparsers(dest="what",
                                                                         required=True)
    add("register", cmd_terminal_register, _("attach to a central database"), ter).add_argument(
        "--central", required=True, metavar="URL")
    ts = add("settings", cmd_terminal_settings, _("show or change this desk's locale and time"
                                                  " zone"), ter)
    ts.add_argument("--locale", help=_("e.g. en_US, de_DE"))
    ts.add_argument("--time-zone", metavar="ZONE", help=_("an IANA zone like Europe/Berlin,"
                                                          " or 'system' to follow the system"))
    ts.add_argument("--json", action="store_true")
    sy = add("sync", cmd_sync, _("one push/pull cycle with the central database"))
    sy.add_argument("--json", action="store_true")
    sy.add_argument("--retry", action="store_true", help=_("back off and retry while offline"))

    exp = sub.add_parser("export", help=_("export data")).add_subparsers(dest="what",
                                                                      required=True)
    ed = add("decisions", cmd_export_decisions, _("export decisions"), exp)
    ed.add_argument("--since", help=_("YYYY-MM-DD"))
    ed.add_argument("--format", choices=("csv", "json"), default="csv")
    return p


def review_options(p: argparse.ArgumentParser, pdf: bool) -> None:
    """--since/--until and the output formats shared by desk and central reports."""
    from pos_app.domain.review import DIMENSIONS

    p.add_argument("--since", help=_("YYYY-MM-DD (UTC day, included)"))
    p.add_argument("--until", help=_("YYYY-MM-DD (UTC day, included)"))
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    if pdf:
        p.add_argument("--by", choices=DIMENSIONS)
        out.add_argument("--csv", action="store_true")
        out.add_argument("--pdf", metavar="FILE")
