"""`build.py serve`: a live preview that rebuilds on every change and reloads the page.

memory.py builds the site into memory (and renders a page early on request), preview.py
keeps what the preview serves from one build to the next, http.py answers the browser
and tells its tabs to reload, watch.py turns file events into builds, command.py starts
them all and stops them.
"""

from glasnost.serve.command import serve

__all__ = ["serve"]
