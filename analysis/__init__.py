"""Traceable figures from war reporting: load, validate and analyse curated claims."""

import sys

__version__ = "0.1.0"

# jsonschema, imported by nbformat, optionally imports rfc3987_syntax, which compiles a
# lark grammar at import: about 1 s in every process that reads a notebook, for an
# "iri" format checker that the notebook schema never uses. Marking it absent makes
# jsonschema skip that checker (it imports it under suppress(ImportError)).
sys.modules.setdefault("rfc3987_syntax", None)
