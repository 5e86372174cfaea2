"""`python -m glasnost`: the same as the installed `glasnost` command."""

import sys

from glasnost.cli import main

sys.exit(main())
