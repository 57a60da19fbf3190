"""The reporting dashboards: England, a region or a scheme over a period, as charts and tables."""
