"""Measure the policy what-if on 100,000 decisions (not part of the suite).

    .venv/bin/python tests/integration/measure_whatif_100k.py [COUNT] [--profile]

Builds two deterministic histories of 38 requesters and 7 approvers, a fifth of the
decisions approved (the larger amounts): "year", a decision every ~5 minutes among
50,000 guests (most within every limit, as a live desk records them), and "busy", one
every ~30 s among 5,000 guests (shift caps and the frequency rule run out, so most
decisions need the engine's full judgement: the worst case). Each is replayed under the
demo policy and under a stricter candidate.
"""

from __future__ import annotations

import itertools
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

from pos_app.domain.policy import parse_policy
from pos_app.domain.review import ReviewDecision
from pos_app.domain.whatif import replay

DEFAULT = (Path(__file__).resolve().parents[2] / "resources" / "policies" / "default.toml"
           ).read_text(encoding="utf-8")
STRICT = DEFAULT.replace('shift_cap = "300.00"', 'shift_cap = "100.00"').replace(
    'refund = "150.00", goodwill_credit = "50.00"', 'refund = "40.00", goodwill_credit = "20.00"')
ACTIONS = ("refund", "goodwill_credit", "discount_voucher", "fee_waiver", "replacement")
REASONS = ("service_delay", "billing_error", "product_defect", "facility_issue")


def history(count: int, gap_s: int, guests: int, seed: int = 1
            ) -> tuple[list[ReviewDecision], dict[str, str]]:
    rng = random.Random(seed)
    tiers = {f"A{i}": "associate" for i in range(30)}
    tiers |= {f"S{i}": "senior" for i in range(8)}
    tiers |= {f"V{i}": "supervisor" for i in range(4)}
    tiers |= {f"M{i}": "manager" for i in range(2)}
    tiers |= {"G0": "general_manager"}
    requesters = [e for e, t in tiers.items() if t in ("associate", "senior")]
    approvers = [e for e, t in tiers.items() if t not in ("associate", "senior")]
    at = datetime(2026, 1, 1, 8)
    out = []
    for n in range(count):
        at += timedelta(seconds=rng.randrange(1, 2 * gap_s))
        approver = rng.choice(approvers) if rng.random() < 0.2 else None
        out.append(ReviewDecision(
            id=f"D{n}", decided_at=at, terminal_id="T", employee_id=rng.choice(requesters),
            employee_name="", approver_id=approver, approver_name="",
            customer_id=f"C{rng.randrange(guests)}", customer_name="", room="",
            action=rng.choice(ACTIONS), reason=rng.choice(REASONS), category="",
            amount_minor=rng.choice((9900, 15000, 30000) if approver else (500, 2000, 4000)),
            currency="USD", note="noted", channel="desk" if approver else None))
    return out, tiers


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 100_000
    shapes = (("year", 300, count // 2), ("busy", 30, 5000))
    policies = (("default", DEFAULT), ("stricter", STRICT))
    for (label, gap, guests), (name, text) in itertools.product(shapes, policies):
        decisions, tiers = history(count, gap, guests)
        policy = parse_policy(text)
        if "--profile" in sys.argv:
            import cProfile

            cProfile.runctx("replay(policy, decisions, tiers)", globals(), locals(),
                            sort="cumulative")
            continue
        start = time.perf_counter()
        result = replay(policy, decisions, tiers)
        took = time.perf_counter() - start
        print(f"{label:4} {name:9} {count:,} decisions in {took:.2f} s ({count / took:,.0f}/s):"
              f" allowed {result.allowed:,}, approved as before {result.approved_as_before:,},"
              f" needs approval {sum(result.needs_approval.values()):,},"
              f" refused {result.refused:,}, changes {len(result.changes):,}")


if __name__ == "__main__":
    main()
