"""Where the project's folders are: the project itself, ``data/raw``, ``data/processed``."""

from __future__ import annotations

import os
from pathlib import Path


def project_dir() -> Path:
    """The project folder holding ``data/raw`` (``$FAI_HOME`` overrides).

    Found by walking up from the package (an editable install or a checkout),
    then from the working directory.
    """
    env = os.environ.get("FAI_HOME")
    if env:
        return Path(env)
    for start in (Path(__file__).resolve(), Path.cwd().resolve()):
        for folder in [start, *start.parents]:
            if (folder / "data" / "raw" / "nbs_national_fai.csv").exists():
                return folder
    return Path.cwd()


def raw_dir() -> Path:
    """Folder of the bundled raw files (never written)."""
    return project_dir() / "data" / "raw"


def processed_dir() -> Path:
    """Folder of generated tables (git-ignored)."""
    return project_dir() / "data" / "processed"
