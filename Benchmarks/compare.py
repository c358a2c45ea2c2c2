#!/usr/bin/env python3
"""Same input, same report: pmlint before and after a change, side by side.

    Benchmarks/compare.py OLD_BINARY NEW_BINARY

Runs both binaries over the bundled examples, the test fixtures and every fuzz seed (each once
as a plan and once as a log beside an example plan), in text, JSON and SARIF, and prints every
difference in output or exit code. An optimisation should print none."""
import atexit, os, shutil, subprocess, sys, tempfile

if len(sys.argv) != 3:
    sys.exit(__doc__)
old, new = sys.argv[1:]
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="pmlint-compare-")
atexit.register(shutil.rmtree, work, ignore_errors=True)
files = [os.path.join(folder, name)
         for folder in [os.path.join(root, "Fuzz", "seeds")]
         + [os.path.join(root, "Tests", "PMLintTests", "Fixtures", d) for d in ("broken", "syntax", "fuzz")]
         + [os.path.join(root, "examples", d) for d in sorted(os.listdir(os.path.join(root, "examples")))]
         if os.path.isdir(folder)
         for name in sorted(os.listdir(folder)) if name.endswith(".yaml")]
cases = [os.path.join(root, "examples")]
for number, path in enumerate(files):
    as_plan = os.path.join(work, f"plan-{number}")
    os.makedirs(as_plan)
    shutil.copy(path, os.path.join(as_plan, "plan.yaml"))
    as_log = os.path.join(work, f"log-{number}")
    os.makedirs(as_log)
    shutil.copy(os.path.join(root, "examples", "acme-crm", "plan.yaml"), os.path.join(as_log, "plan.yaml"))
    shutil.copy(path, os.path.join(as_log, "log.yaml"))
    cases += [as_plan, as_log]

differences = 0
for case in cases:
    for format in ("text", "json", "sarif"):
        runs = [subprocess.run([binary, "check", case, "--as-of", "2026-11-20", "--format", format],
                               capture_output=True) for binary in (old, new)]
        if (runs[0].returncode, runs[0].stdout, runs[0].stderr) != (runs[1].returncode, runs[1].stdout, runs[1].stderr):
            differences += 1
            print(f"differs: {case} ({format}): exit {runs[0].returncode} vs {runs[1].returncode}")
print(f"{len(cases)} cases x 3 formats, {differences} differences")
sys.exit(1 if differences else 0)
