"""parkstar reasoner: store, ingest, inference, rating, eligibility, chains, queries and the CLI.

The package owns everything that computes; ``api`` only exposes it over HTTP.
"""

__version__ = "0.1.0"
