#!/usr/bin/env python3
"""Glasnost command line: `python build.py --help`."""

import sys

from glasnost.cli import main

if __name__ == "__main__":
    sys.exit(main())
