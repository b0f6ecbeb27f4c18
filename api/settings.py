"""The one settings class of the HTTP service: environment variables ``PARKSTAR_*`` and CLI flags."""

from __future__ import annotations

from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from reasoner.store import default_store_path


class Settings(BaseSettings):
    """Service settings. Each field reads ``PARKSTAR_<NAME>`` from the environment; ``parkstar serve`` flags win."""

    model_config = SettingsConfigDict(env_prefix="PARKSTAR_", extra="ignore")

    store: Path | None = None
    """On-disk store folder; None means the documented default (see ``reasoner.store.default_store_path``)."""
    host: str = "127.0.0.1"
    port: int = 8000
    upload_token: str | None = None
    """Bearer token for evidence uploads; when unset, uploads are refused."""
    upload_max_bytes: int = 20 * 1024 * 1024
    sparql_timeout: float = 10.0
    """Seconds a SPARQL query may run before its worker is killed."""
    sparql_max_rows: int = 10_000
    sparql_workers: int = 2

    def store_path(self) -> Path:
        """The store folder to open."""
        return self.store or default_store_path()
