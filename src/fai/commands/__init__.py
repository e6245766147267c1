"""Subcommands of the ``fai`` command, one module each (see :mod:`fai.cli`)."""
