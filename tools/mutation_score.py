"""Print the share of mutants caught by the tests after `mutmut run` (make mutation).

Reads mutmut's own summary (`mutmut export-cicd-stats`) and counts only the mutants that
were run, so `make mutation MUTANTS='glasnost.deadlines.*'` scores that module alone.
A mutant that made the tests time out counts as caught; one no test reaches, as missed.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

STATS = Path("mutants") / "mutmut-cicd-stats.json"


def main() -> int:
    subprocess.run(
        [sys.executable, "-m", "mutmut", "export-cicd-stats"], check=True, capture_output=True
    )
    stats = json.loads(STATS.read_text(encoding="utf-8"))
    caught = stats["killed"] + stats["timeout"]
    missed = stats["survived"] + stats["no_tests"] + stats["suspicious"] + stats["segfault"]
    if caught + missed == 0:
        print("mutation: no mutant was run", file=sys.stderr)
        return 1
    survivors = subprocess.run(
        [sys.executable, "-m", "mutmut", "results"], check=True, capture_output=True, text=True
    ).stdout
    # `mutmut results` also lists the mutants a partial run left out ("not checked").
    for line in survivors.splitlines():
        if line.rstrip().endswith((": survived", ": no tests", ": suspicious", ": segfault")):
            print(line.strip())
    share = 100 * caught / (caught + missed)
    print(
        f"mutation score: {share:.1f} % caught ({caught} of {caught + missed} mutants; "
        f"survived {stats['survived']}, reached by no test {stats['no_tests']})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
