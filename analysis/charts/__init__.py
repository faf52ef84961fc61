"""The charts: one style contract, and the chart functions."""
