"""The demo policy's own words, marked so that they reach the translation catalogs.

A policy is a document a store writes in its own language: its action labels, reason
labels, categories, tier names and the rest are shown exactly as written. The demo
policy (``resources/policies/default.toml``) ships with the desk, though, and a desk
set up in Spanish or German should not greet its staff in English: every text in it is
listed here with ``N_()`` so that extraction finds it, and the desk shows a policy's
labels through ``pos_app.i18n._(label)``. A default label comes out translated; a
store's own label is not in the catalog and comes out as written.

Keep this list in step with the demo policy (a test compares them). Tier names are
listed as people say them (``tier_name``: "general_manager" -> "general manager").
"""

from __future__ import annotations

from pos_app.i18n import N_

TIER_NAMES = (
    N_("associate"),
    N_("senior"),
    N_("supervisor"),
    N_("manager"),
    N_("general manager"),
)

ACTION_LABELS = (
    N_("Refund"),
    N_("Goodwill credit"),
    N_("Discount voucher"),
    N_("Fee waiver"),
    N_("Replacement"),
)

# The same inside a sentence ("... limit for a refund"): the engine says the label in
# lower case, and languages differ in what that should be (German keeps the capital).
ACTION_NOUNS = (
    N_("refund"),
    N_("goodwill credit"),
    N_("discount voucher"),
    N_("fee waiver"),
    N_("replacement"),
)

REASON_LABELS = (
    N_("Service delay"),
    N_("Billing error"),
    N_("Product defect"),
    N_("Staff conduct"),
    N_("Facility issue"),
    N_("Other"),
)

CATEGORIES = (
    N_("operations"),
    N_("billing"),
    N_("product"),
    N_("people"),
    N_("facilities"),
    N_("other"),
)

# The line a voucher prints for each reason (prefilled, editable at the counter).
APOLOGIES = (
    N_("We are sorry you were kept waiting. Thank you for your patience."),
    N_("We are sorry for the mistake on your bill."),
    N_("We are sorry this did not live up to what we promised."),
    N_("We are sorry for how you were treated; it is not who we want to be."),
    N_("We are sorry your stay was not as comfortable as it should have been."),
    N_("We are sorry we let you down, and we would like to make it right."),
)

# Shown beside the reason picker, for the person granting.
GUIDANCE = (
    N_("The guest waited longer than promised. Acknowledge the time lost; a credit or voucher"
       " fits better than a refund."),
    N_("We charged the wrong amount. Refund the difference exactly; this is a correction,"
       " not a favour."),
    N_("The item failed. Offer a replacement first; refund when no replacement is wanted."),
    N_("Apologise sincerely and note what happened so the manager can follow up."),
    N_("Room or store problem (noise, cleanliness, heating). Waive the affected fee and log"
       " it for maintenance."),
    N_("Describe what happened in the note."),
)

# A label must not contain "%" followed by a letter ("10% off"): Babel takes it for a
# printf placeholder and refuses every translation without one.
PRESET_LABELS = (
    N_("Waive late-checkout fee"),
    N_("$20 goodwill credit"),
    N_("$25 off next stay"),
)

POLICY_NAMES = (
    N_("Leeway demo policy"),
    N_("Recovery policy"),  # the name of a policy that gives none
)

ALL = (*TIER_NAMES, *ACTION_LABELS, *ACTION_NOUNS, *REASON_LABELS, *CATEGORIES, *APOLOGIES,
       *GUIDANCE, *PRESET_LABELS, *POLICY_NAMES)
