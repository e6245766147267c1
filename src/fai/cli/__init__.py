"""The ``fai`` console command: :func:`main` and one module per subcommand."""

from fai.cli.main import main

__all__ = ["main"]
