"""The published report: running the notebooks, checking parameters, writing the pages."""
