"""``python -m fai.cli`` runs the ``fai`` command."""

import sys

from fai.cli.main import main

sys.exit(main())
