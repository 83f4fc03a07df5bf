"""Voucher documents (reportlab PDF) and their signing keys."""
