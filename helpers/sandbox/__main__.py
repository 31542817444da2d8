"""`python -m helpers.sandbox run|check ...`."""

import sys

from helpers.sandbox.cli import main

sys.exit(main())
