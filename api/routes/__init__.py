"""One router per resource; each stays thin and calls ``reasoner``."""
