"""Errors the domain raises; each carries a message a person at a counter understands."""


class LeewayError(Exception):
    """Base class: ``str(error)`` is a one-line reason fit for a person to read."""


class InvalidInput(LeewayError):
    """Input was rejected; nothing was written."""


class NotFound(LeewayError):
    """A referenced customer, employee, reason or action does not exist."""


class PolicyError(LeewayError):
    """A policy document is malformed or contradicts itself."""


class AuthenticationFailed(LeewayError):
    """Wrong employee ID or PIN (deliberately not saying which)."""


class IntegrityProblem(LeewayError):
    """The local audit chain does not verify."""


class CentralUnavailable(LeewayError):
    """The central database cannot be reached now; the desk carries on offline."""


class CentralBusy(CentralUnavailable):
    """The central database answered, but every push slot stayed taken: this push waits
    for the next sync. (A kind of unavailable, so every caller that copes with one copes
    with the other; a sync cycle tells them apart: the desk is online.)"""
