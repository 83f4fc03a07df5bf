"""What a screen reader is told besides names: announcements, and errors tied to the
field they concern.

Announcements are QAccessibleAnnouncementEvent (Qt 6.8+), which Qt's AT-SPI bridge
sends as ``object:announcement``: Orca speaks them where the focus is, without moving
it. Polite for news (an outcome, a check's answer), assertive for errors.

An error about a field becomes the field's accessible description while it stands, so
it is read with the field whenever the focus comes back to it; the label that shows it
keeps showing it. Qt maps a ``DescriptionFor`` relation to AT-SPI's described-by, but
its widget interfaces only report labels (buddies, form layouts) and controllers, and
QLineEdit's interface is private: adding a relation would mean re-implementing its
text interfaces in Python. The description is the link that reaches every screen
reader; tests/ui/test_atspi.py reads it over AT-SPI.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent
from PySide6.QtWidgets import QWidget

# The field's own description (often its tooltip's), put back when the error goes.
_OWN = "leewayOwnDescription"


def announce(source: QWidget, message: str, urgent: bool = False) -> None:
    """Have a screen reader say ``message`` now (assertive interrupts; polite waits)."""
    if not message.strip():
        return
    event = QAccessibleAnnouncementEvent(source, message)
    event.setPoliteness(QAccessible.AnnouncementPoliteness.Assertive if urgent
                        else QAccessible.AnnouncementPoliteness.Polite)
    QAccessible.updateAccessibility(event)


def field_error(field: QWidget, message: str, speak: bool = True) -> None:
    """``message`` is what is wrong with ``field``: its description, and said at once."""
    if field.property(_OWN) is None:
        field.setProperty(_OWN, field.accessibleDescription())
    field.setAccessibleDescription(message)
    if speak:
        announce(field, message, urgent=True)


def clear_field_error(*fields: QWidget) -> None:
    """The error no longer stands: each field's own description comes back."""
    for field in fields:
        own = field.property(_OWN)
        if own is not None:
            field.setAccessibleDescription(str(own))
            field.setProperty(_OWN, None)
