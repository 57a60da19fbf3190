"""Consents and information shares are not in the Django admin: they are clinical content, read
only through the scheme's own pages and API, where each read is scope-checked and audited
(ADR 0025)."""
