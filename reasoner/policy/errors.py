"""The one error of the policy package: the shapes or the policy parts of the ontology cannot be used as asked."""

from __future__ import annotations


class PolicyError(ValueError):
    """A parameter, edition or criterion that is unknown, not valid for the year asked, or malformed in the RDF.

    Messages about parameters and malformed RDF are bilingual, Chinese first (``中文 / English``); those about
    editions keep the wording the CLI and the HTTP API have always shown.
    """
