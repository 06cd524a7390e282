"""Run the command line: ``python -m partnership_model``."""

import sys

from partnership_model.cli import main

if __name__ == "__main__":
    sys.exit(main())
