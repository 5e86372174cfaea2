"""Page-checking harness for Glasnost tests.

* :mod:`tests.support.server`  -- ``serve_directory(root)``: serve a built site on 127.0.0.1.
* :mod:`tests.support.vnu`     -- ``vnu_errors(paths)``: Nu Html Checker, one JVM for all files.
* :mod:`tests.support.browser` -- pytest fixtures ``browser``/``page`` (Debian's chromium via
  Python Playwright), ``axe_violations``, ``format_violations``, ``external_requests``.

Everything here is installed by ``make test`` (``make dev-env browser``); when a piece is
missing the helpers fail loudly with a message naming that command instead of skipping.
"""

from pathlib import Path

REPO_ROOT: Path = Path(__file__).resolve().parents[2]
NODE_MODULES: Path = REPO_ROOT / "node_modules"

__all__ = ["NODE_MODULES", "REPO_ROOT"]
