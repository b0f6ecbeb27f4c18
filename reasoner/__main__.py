"""``python -m reasoner`` runs the parkstar command line."""

from .cli import main

main()
