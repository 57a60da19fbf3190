"""Reporting: a pseudonymised analytical store of the operational events (ADR 0011)."""
