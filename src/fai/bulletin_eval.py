"""``python -m fai.bulletin_eval DIR``: kept as the command the issues and notes name;
the scorer itself lives in :mod:`fai.bulletin.evaluate`."""

import sys

from fai.bulletin.evaluate import main

if __name__ == "__main__":
    sys.exit(main())
