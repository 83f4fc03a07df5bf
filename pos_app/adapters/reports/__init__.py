"""Printable reports (reportlab PDF): the weekly review of decisions."""
