"""The business core: money, policy, decisions and events; no I/O, no Qt, no SQL."""
