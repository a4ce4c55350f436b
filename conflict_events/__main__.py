"""Run the command line: ``python -m conflict_events``."""

import sys

from conflict_events.cli import main

sys.exit(main())
