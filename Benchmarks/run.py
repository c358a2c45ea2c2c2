#!/usr/bin/env python3
"""pmlint's benchmark: the whole check against libyaml alone, on the same bytes.

    Benchmarks/run.py [--entries N] [--runs R]

Builds pmlint in release and a small C program on the same libyaml, generates a project of N
log entries and one of N/10, then runs libyaml alone (on the log) and `pmlint check` (on the
project, every rule enabled) in alternation, R times each. Prints the medians, the ratio, the
peak memory against the input size, the scaling between the two sizes, and the time of
`pmlint check examples` (a small project, process start included). Then, from one more run of
the large project with `PMLINT_TIMINGS=1`, where its time and memory go, phase by phase: wall
and CPU time (both cores) of each phase, resident and peak memory at its end."""
import argparse, atexit, os, shutil, statistics, subprocess, sys, tempfile, time

parser = argparse.ArgumentParser()
parser.add_argument("--entries", type=int, default=320_000, help="log entries of the large project (320k is about 50 MB)")
parser.add_argument("--runs", type=int, default=5)
args = parser.parse_args()
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
work = tempfile.mkdtemp(prefix="pmlint-bench-")
atexit.register(shutil.rmtree, work, ignore_errors=True)

def sh(*command, **kwargs):
    subprocess.run(command, check=True, cwd=root, **kwargs)

sh("swift", "build", "-c", "release", "--product", "pmlint", stdout=subprocess.DEVNULL)
pmlint = os.path.join(root, ".build", "release", "pmlint")
baseline = os.path.join(work, "libyaml_alone")
sh("cc", "-O2", "-o", baseline, "Benchmarks/libyaml_alone.c", "-lyaml")

def measure(command):
    """Wall time and peak RSS (bytes) of one run."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"{command[0]} failed with {status}")
    return elapsed, usage.ru_maxrss * 1024

results = {}
commands = {}
for label, entries in (("small", args.entries // 10), ("large", args.entries)):
    project = os.path.join(work, label)
    sh(sys.executable, "Benchmarks/generate.py", project, "--entries", str(entries))
    size = sum(os.path.getsize(os.path.join(project, name)) for name in ("plan.yaml", "log.yaml"))
    lib_command = [baseline, os.path.join(project, "log.yaml")]
    lint_command = [pmlint, "check", project, "--as-of", "2026-01-01", "--format", "json",
                    "--output", os.path.join(work, "report.json"), "--fail-on", "never"]
    # The files just written are flushed first, and each command runs once untimed, so that
    # neither the write-back of the generated files nor a cold cache lands in a measurement.
    commands[label] = lint_command
    os.sync()
    measure(lib_command)
    measure(lint_command)
    lib, lint = [], []
    for _ in range(args.runs):   # in alternation, so load on the machine hits both alike
        lib.append(measure(lib_command))
        lint.append(measure(lint_command))
    results[label] = dict(size=size, entries=entries,
                          lib=statistics.median(t for t, _ in lib), lint=statistics.median(t for t, _ in lint),
                          lint_range=(min(t for t, _ in lint), max(t for t, _ in lint)),
                          rss=max(m for _, m in lint))

for label, r in results.items():
    print(f"{label}: {r['entries']} entries, {r['size'] / 1e6:.1f} MB input")
    print(f"  libyaml alone  {r['lib']:.3f} s (median of {args.runs})")
    print(f"  pmlint check   {r['lint']:.3f} s  = {r['lint'] / r['lib']:.2f}x libyaml alone   (goal <= 1.5x)"
          f"   runs {r['lint_range'][0]:.3f}-{r['lint_range'][1]:.3f} s")
    print(f"  peak memory    {r['rss'] / 1e6:.0f} MB = {r['rss'] / r['size']:.2f}x the input      (goal <= 3x)")
scaling = results["large"]["lint"] / results["small"]["lint"]
print(f"scaling: 10x the entries took {scaling:.2f}x the time   (goal <= 11x)")

examples = [measure([pmlint, "check", os.path.join(root, "examples"), "--as-of", "2026-11-20"])[0] for _ in range(30)]
print(f"small project: pmlint check examples {statistics.median(examples) * 1000:.1f} ms median of 30 (goal < 20 ms)")
timed = subprocess.run(commands["large"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                       env=dict(os.environ, PMLINT_TIMINGS="1"))
print(f"phases of one more run of the large project (PMLINT_TIMINGS=1; {os.cpu_count()} cores):")
print(f"  {'phase':<44} {'wall ms':>8} {'CPU ms':>8} {'resident MB':>12} {'peak MB':>8}")
for line in timed.stderr.splitlines():
    if line.startswith("pmlint timing: "):
        phase, *numbers = line[len("pmlint timing: "):].split("\t")
        phase = phase.split(": ", 1)[-1]
        wall, cpu, resident, peak = (int(n) for n in numbers)
        print(f"  {phase:<44} {wall:>8} {cpu:>8} {resident:>12} {peak:>8}")
print("  (the first phase counts from the process's start)")
print(f"rerun: Benchmarks/run.py --entries {args.entries} --runs {args.runs}")
