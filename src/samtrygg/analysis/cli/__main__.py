"""``python -m samtrygg.analysis.cli``: the same as ``samtrygg analyze``."""

import sys

from samtrygg.analysis.cli import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
