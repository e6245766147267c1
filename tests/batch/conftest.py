"""Fixtures of the batch tests: small or read-only file systems for the output folder."""

from __future__ import annotations

import contextlib
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest


@pytest.fixture
def tmpfs() -> Callable[..., contextlib.AbstractContextManager[Path]]:
    """``with tmpfs(path, "2m", "ro"):`` a small (or read-only) file system mounted at ``path``;
    skips the test where mounting is not allowed (not root, or a container without the right)."""

    @contextlib.contextmanager
    def mount(path: Path, size: str, *options: str) -> Iterator[Path]:
        path.mkdir(parents=True, exist_ok=True)
        opts = ",".join([f"size={size}", *options])
        proc = subprocess.run(["mount", "-t", "tmpfs", "-o", opts, "tmpfs", str(path)],
                              capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here ({proc.stderr.strip() or 'not permitted'})")
        try:
            yield path
        finally:
            subprocess.run(["umount", "-l", str(path)], capture_output=True, check=False)

    return mount
