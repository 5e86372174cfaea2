"""Glasnost: a static-site generator for the transparency sites of Russian municipalities.

The build is a pipeline of stages, one module each, in two phases:

    load -> validate -> site model      (phase 1: read and check everything)
    render -> write                     (phase 2: only when phase 1 found no error)

Content types (page, news, plan, report, meeting, dataset) live in ``glasnost.types``.
"""

__version__ = "0.1.0"
