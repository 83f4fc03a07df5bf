"""Sentences the domain says to a person, as message ids with parameters.

The engine and the allowance checks return :class:`Message` values, not finished
English: the desk renders them through its translation layer, in its own locale, at the
moment it shows them (``message.render(locale, translate)``; without a ``translate``, the
process's current language through :mod:`pos_app.i18n`). ``TEMPLATES`` holds the
English wording, marked with ``N_`` as the source text translators work from. Money
parameters are formatted for the locale at rendering time; a parameter that is a
policy's own word (:class:`Words`: an action label, a tier name) goes through the same
translation, so the demo policy's words come out in the language and a store's own as
written (:mod:`pos_app.domain.policy_labels`); text is escaped and shortened as it is
inserted (:func:`pos_app.domain.text.escaped`), because some of it is what a person typed
(an unknown action, reason or tier): a rendered message is one printable line whatever
was passed, and the template keeps its own quotes for translators to place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pos_app.domain.money import Money
from pos_app.domain.text import escaped
from pos_app.i18n import N_, _

# (message id, English template) -> the template in the desk's language.
Translate = Callable[[str, str], str]


def current_language(_message_id: str, template: str) -> str:
    """The process's language (the command line's, or the window's once it has one)."""
    return _(template)


def english(_message_id: str, template: str) -> str:
    """The English source as it is: logs, and text written for programs to read."""
    return template


class Words(str):
    """A parameter that is a policy's own words (an action label, a tier name).

    Rendered through the same ``translate`` as its template: the demo policy's words
    are in the catalogs (:mod:`pos_app.domain.policy_labels`) and come out in the
    language; a store's own are not, and come out as written. It is still the plain
    string for comparisons and hashing.
    """

    __slots__ = ()

TEMPLATES: dict[str, str] = {
    "engine.unknown_action": N_("'{action}' is not an action this store uses."),
    "engine.action_off": N_("{label} is switched off at this store."),
    "engine.unknown_tier": N_("'{tier}' is not a tier here."),
    "engine.wrong_currency": N_("This desk grants in {expected}, not {given}."),
    "engine.amount_not_positive": N_("The amount must be more than zero."),
    "engine.unknown_reason": N_("'{reason}' is not a reason code in this policy."),
    "engine.note_required": N_("A note is required for anything over {threshold}."),
    "engine.referral_only": N_(
        "{amount} is more than anyone at this desk may approve for a {action}; it can be"
        " referred to a {tier} to decide later."),
    "engine.beyond_every_tier": N_("{amount} is more than any tier here may approve for a"
                                   " {action}."),
    "engine.over_own_limit": N_("{amount} is over your {limit} limit for a {action}."),
    "engine.shift_cap": N_("This would pass your shift cap; you have {left} left."),
    "engine.customer_budget": N_(
        "This guest has {left} left of their {budget} goodwill budget for {days} days."),
    "engine.routine": N_(
        "This guest already had {count} recovery actions in the last {days} days; more"
        " should not become routine."),
    "engine.approver_too_low": N_("A {approver} cannot approve this; it needs a {needed} or"
                                  " above."),
    "engine.approver_shift_cap": N_(
        "This would pass the approving {approver}'s shift cap; they have {left} left."),
    "allowance.customer_short_offline": N_(
        "This desk can confirm only {left} of this guest's goodwill budget without the"
        " central database; only a {tier} can approve more, as an override."),
    "allowance.customer_short_online": N_(
        "Across all desks, this guest has only {left} left of their goodwill budget; only"
        " a {tier} can approve more, as an override."),
    "allowance.customer_refused_offline": N_(
        "This desk can confirm only {left} of this guest's goodwill budget without the"
        " central database, and this store's policy allows no more."),
    "allowance.customer_refused_online": N_(
        "Across all desks, this guest has only {left} left of their goodwill budget, and"
        " this store's policy allows no more."),
    "allowance.employee_short": N_(
        "This desk can confirm only {left} of your shift cap without the central"
        " database; a manager can approve the rest as an exception."),
}


@dataclass(frozen=True)
class Message:
    """One sentence, by id, with its parameters (hashable, comparable, locale-free)."""

    id: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, message_id: str, **params: Any) -> Message:
        if message_id not in TEMPLATES:
            raise KeyError(f"unknown message id {message_id!r}")
        return cls(message_id, tuple(sorted(params.items())))

    def param(self, name: str) -> Any:
        return dict(self.params)[name]

    def render(self, locale: str = "en_US", translate: Translate | None = None) -> str:
        """The sentence for ``locale``; ``translate`` defaults to the current language."""
        say = translate or current_language
        template = TEMPLATES[self.id]
        template = say(self.id, template) or template
        values = {k: _inserted(v, locale, say) for k, v in self.params}
        return template.format(**values)

    def __str__(self) -> str:  # logs and tracebacks: English, the desk's default
        return self.render(translate=english)


def _inserted(value: Any, locale: str, say: Translate) -> Any:
    """A parameter as the template gets it: money in the locale, text escaped and cut
    (a newline, a NUL or a terminal escape typed as an action never reaches the screen
    raw; labels and tier names, at most 60 characters and nothing invisible by the
    policy's own rules, come through unchanged), anything else as is."""
    if isinstance(value, Money):
        return value.format(locale)
    if isinstance(value, Words):
        return escaped(say("", value) or value)
    if isinstance(value, str):
        return escaped(value)
    return value


def render_all(messages: Iterable[Message], locale: str = "en_US",
               translate: Translate | None = None) -> str:
    """Several messages as one paragraph."""
    return " ".join(m.render(locale, translate) for m in messages)


def tier_words(tier: str) -> Words:
    """A tier key as people say it, in English: 'general_manager' -> 'general manager'
    (a message parameter, translated when the message is rendered)."""
    return Words(tier.replace("_", " "))


def tier_name(tier: str) -> str:
    """A tier key as people say it, in the current language ('general_manager' ->
    'general manager'; a store's own tier as written)."""
    return _(tier.replace("_", " "))
