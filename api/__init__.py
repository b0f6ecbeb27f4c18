"""parkstar's HTTP service (FastAPI) over the same store; routes stay thin and call ``reasoner``."""
