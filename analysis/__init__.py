"""Traceable figures from war reporting: load, validate and analyse curated claims."""

__version__ = "0.1.0"
