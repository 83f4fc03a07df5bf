"""Tests of the desk bundle's tooling: the desktop install and the bundle smoke test."""
