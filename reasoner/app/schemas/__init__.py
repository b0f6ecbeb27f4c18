"""The typed answers of the application layer: the JSON contracts of ``parkstar … --json`` and of the HTTP API.

Each model is built from the domain's results by its ``of`` constructor; the CLI dumps it, the API returns it (and
documents it in ``/openapi.json``), the dashboard's view models read it.
"""
