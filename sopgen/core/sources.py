"""Where a project keeps its own inputs: the files and folders no output may overwrite or sit among."""

from __future__ import annotations

from pathlib import Path

from .config import CONFIG_NAME, Config
from .figures import ASSETS

STORIES_DIR = "stories"
AUDITS_DIR = "audits"
DEFAULT_RECORDS_FOLDER = "records"


def project_sources(config: Config, records: str | None = None) -> list[Path]:
    """sopgen.yaml, sops/, templates/, the programme file, the sign-off records, stories/, audits/ and
    assets/, where the figures are.

    ``records`` is the records folder a programme file names, when the caller has read it.
    """
    programme = [config.root / config.programme] if config.programme else []
    return [config.root / CONFIG_NAME, config.sops_dir, config.templates_dir, *programme,
            config.root / (records or DEFAULT_RECORDS_FOLDER), config.root / STORIES_DIR, config.root / AUDITS_DIR,
            config.root / ASSETS]
