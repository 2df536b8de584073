"""Run every bench/bench_*.py in turn (each is a standalone script)."""

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main():
    env = {**os.environ, "PYTHONPATH": str(HERE.parent)}
    failed = 0
    for script in sorted(HERE.glob("bench_*.py")):
        print(f"== {script.name}", flush=True)
        failed += subprocess.call([sys.executable, str(script)], cwd=HERE.parent, env=env) != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
