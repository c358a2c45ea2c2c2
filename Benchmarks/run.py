#!/usr/bin/env python3
"""pmlint's benchmark: every performance figure against its goal, in one table.

    Benchmarks/run.py                                   # everything (builds release pmlint first)
    Benchmarks/run.py --binary /tmp/pmlint              # a given binary; builds no Swift
    Benchmarks/run.py --binary B --only project,examples          # a quick run
    Benchmarks/run.py --binary B --portfolio 20 --portfolio-scale 2 --entries 20000 --runs 3

Parts (--only, comma-separated; all by default):
  portfolio  P projects (--portfolio, default 1,000) of 700 entries, seeds 1..P, in one folder:
             `pmlint check FOLDER` against libyaml alone parsing every plan.yaml and log.yaml
             one after another on one core; time ratio and pmlint's peak memory. Then the same
             for P x --portfolio-scale projects (default 10x; skip it with --no-scale): memory
             must stay constant, time grow at most linearly.
  project    one realistic project (700 entries, a ~110 KB log): wall time, process start included.
  examples   `pmlint check examples --as-of 2026-11-20` from the repository's root.
  large      one very large log (--entries, default 320,000, ~50 MB) against libyaml alone, and
             the scaling from --entries/10 to --entries.

Every case runs once untimed, then libyaml alone and pmlint alternate (so load on the machine
hits both alike) --runs times (--small-runs for project and examples). Each command is started
by a small C launcher (compiled here, like libyaml_alone.c): times are medians of wall time from
its fork to its wait4, peak memory the largest ru_maxrss from that wait4 (MB = 10^6 bytes).
Generated projects are cached under --cache (default /tmp; e.g. /tmp/pmlint-portfolio-1000/)
and reused while their parameters and generate.py are unchanged; generation uses --jobs
processes (default 2). 10,000 projects take about 1.1 GB of disk (and their JSON report, in a
scratch folder removed on exit, about 0.4 GB).
"""
import argparse, atexit, hashlib, json, mmap, multiprocessing, os, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
sys.dont_write_bytecode = True   # no Benchmarks/__pycache__ in the checkout
import generate  # noqa: E402  (Benchmarks/generate.py)

PARTS = ("portfolio", "project", "examples", "large")
PROJECT_ENTRIES = 700

parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
parser.add_argument("--binary", help="the pmlint binary to measure (default: build .build/release/pmlint with swift build)")
parser.add_argument("--only", default=",".join(PARTS), help=f"comma-separated parts to run: {','.join(PARTS)} (default: all)")
parser.add_argument("--runs", type=int, default=5, help="timed runs of each command for portfolio and large (default 5)")
parser.add_argument("--small-runs", type=int, default=30, help="timed runs for project and examples (default 30)")
parser.add_argument("--portfolio", type=int, default=1000, help="projects in the portfolio (default 1000)")
parser.add_argument("--portfolio-scale", type=int, default=10, help="the scaled portfolio has this many times the projects (default 10)")
parser.add_argument("--no-scale", action="store_true", help="skip the scaled portfolio (10,000 projects by default)")
parser.add_argument("--entries", type=int, default=320_000, help="log entries of the large project (default 320000, about 50 MB)")
parser.add_argument("--cache", default=tempfile.gettempdir(), help="folder for the generated projects (default /tmp)")
parser.add_argument("--jobs", type=int, default=2, help="processes generating projects (default 2)")
args = parser.parse_args()
parts = [p.strip() for p in args.only.split(",") if p.strip()]
if unknown := [p for p in parts if p not in PARTS]:
    parser.error(f"unknown part(s) {', '.join(unknown)}; choose from {', '.join(PARTS)}")

work = tempfile.mkdtemp(prefix="pmlint-bench-")
atexit.register(shutil.rmtree, work, ignore_errors=True)
report_path = os.path.join(work, "report.json")

if args.binary:
    pmlint = os.path.abspath(args.binary)
else:
    subprocess.run(["swift", "build", "-c", "release", "--product", "pmlint"], check=True, cwd=ROOT, stdout=subprocess.DEVNULL)
    pmlint = os.path.join(ROOT, ".build", "release", "pmlint")
if not os.access(pmlint, os.X_OK):
    sys.exit(f"no pmlint binary at {pmlint}")
binary_stamp = (os.stat(pmlint).st_mtime_ns, os.stat(pmlint).st_size)
baseline = os.path.join(work, "libyaml_alone")
subprocess.run(["cc", "-O2", "-o", baseline, os.path.join(HERE, "libyaml_alone.c"), "-lyaml"], check=True)
# Every command is started by this launcher, which forks, execs, waits with wait4 and prints
# wall ns, CPU us, peak RSS KiB and the exit code. Spawned from Python, a child's ru_maxrss
# would never be less than Python's own peak (about 14 MB: vfork and fork hand the parent's
# memory to the child until exec, and exec keeps its high-water mark); from this launcher the
# floor is the launcher's, about 1 MB. It also keeps Python's spawn out of the wall times.
LAUNCHER = r"""
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
int main(int argc, char **argv) {
    if (argc < 3) { fprintf(stderr, "usage: launch CPU|-1 COMMAND...\n"); return 2; }
    int cpu = atoi(argv[1]);
    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    pid_t pid = fork();
    if (pid < 0) { perror("fork"); return 2; }
    if (pid == 0) {
        if (cpu >= 0) { cpu_set_t set; CPU_ZERO(&set); CPU_SET(cpu, &set); sched_setaffinity(0, sizeof set, &set); }
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1); dup2(null, 2);
        execvp(argv[2], argv + 2);
        _exit(127);
    }
    int status; struct rusage usage;
    if (wait4(pid, &status, 0, &usage) < 0) { perror("wait4"); return 2; }
    clock_gettime(CLOCK_MONOTONIC, &end);
    long long wall = (end.tv_sec - start.tv_sec) * 1000000000LL + (end.tv_nsec - start.tv_nsec);
    long long cpu_us = (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000000LL + usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
    printf("%lld %lld %ld %d\n", wall, cpu_us, usage.ru_maxrss, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
    return 0;
}
"""
launcher = os.path.join(work, "launch")
with open(launcher + ".c", "w") as file:
    file.write(LAUNCHER)
subprocess.run(["cc", "-O2", "-o", launcher, launcher + ".c"], check=True)
one_core = min(os.sched_getaffinity(0))


# ---------------------------------------------------------------- generated projects, cached

def _generate_one(spec):
    folder, entries, seed = spec
    generate.generate(folder, entries, seed)


def ensure_projects(folder, specs):
    """Makes FOLDER hold the projects SPECS (name, entries, seed), generating them unless a
    manifest says they are there from the same parameters and generate.py. Returns the seconds
    generation took (now or when cached), whether the cache was used, and in how many processes."""
    with open(os.path.join(HERE, "generate.py"), "rb") as source:
        key = hashlib.sha256(source.read() + json.dumps(specs).encode()).hexdigest()
    manifest = os.path.join(folder, ".pmlint-bench.json")
    try:
        with open(manifest) as file:
            recorded = json.load(file)
        if recorded["key"] == key and all(os.path.isfile(os.path.join(folder, name, "log.yaml")) for name, _, _ in specs):
            return recorded["seconds"], True, recorded.get("processes", 1)
    except (OSError, ValueError, KeyError):
        pass
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    start = time.perf_counter()
    jobs = [(os.path.join(folder, name), entries, seed) for name, entries, seed in specs]
    processes = min(args.jobs, len(jobs))
    if processes <= 1:
        for job in jobs:
            _generate_one(job)
    else:
        with multiprocessing.get_context("fork").Pool(processes) as pool:
            for _ in pool.imap_unordered(_generate_one, jobs, chunksize=max(1, min(64, len(jobs) // (8 * processes)))):
                pass
    seconds = time.perf_counter() - start
    with open(manifest, "w") as file:   # written last: an interrupted generation is redone
        json.dump(dict(key=key, seconds=seconds, processes=processes, projects=len(specs)), file)
    return seconds, False, processes


def project_files(folder, specs):
    paths = [os.path.join(folder, name, file) for name, _, _ in specs for file in ("plan.yaml", "log.yaml")]
    return paths, sum(os.path.getsize(p) for p in paths)


def generation_note(seconds, cached, processes):
    how = f"{seconds:.1f} s" + (f", {processes} processes" if processes > 1 else "")
    return f"reused from the cache (generating took {how})" if cached else f"generated in {how}"


# ---------------------------------------------------------------- measuring

def measure(command, cwd=None, pin=False, ok=(0,)):
    """Wall time (s), CPU time (user + system, s) and peak RSS (bytes) of one run, from the
    launcher's fork to its wait4."""
    run = subprocess.run([launcher, str(one_core if pin else -1), *command], cwd=cwd, stdout=subprocess.PIPE, text=True)
    if run.returncode != 0:
        sys.exit(f"could not run {' '.join(command)}")
    wall_ns, cpu_us, rss_kb, code = (int(n) for n in run.stdout.split())
    if code not in ok:
        sys.exit(f"{' '.join(command)} failed with exit code {code}")
    return wall_ns / 1e9, cpu_us / 1e6, rss_kb * 1024


def summary(samples):
    walls = [w for w, _, _ in samples]
    return dict(wall=statistics.median(walls), low=min(walls), high=max(walls),
                cpu=statistics.median(c for _, c, _ in samples), rss=max(m for _, _, m in samples), runs=len(samples))


def side_by_side(commands, runs, cwd=None):
    """Each command once untimed (a cold cache or write-back of fresh files lands in no
    measurement), then all in alternation RUNS times. COMMANDS: {label: (argv, pin, exit codes
    taken as success)}."""
    os.sync()
    for argv, pin, ok in commands.values():
        measure(argv, cwd, pin, ok)
    samples = {label: [] for label in commands}
    for _ in range(runs):
        for label, (argv, pin, ok) in commands.items():
            samples[label].append(measure(argv, cwd, pin, ok))
    return {label: summary(s) for label, s in samples.items()}


def lint_command(target):
    return [pmlint, "check", target, "--as-of", "2026-01-01", "--format", "json", "--output", report_path, "--fail-on", "never"]


def baseline_command(paths, name):
    listing = os.path.join(work, f"{name}.list")
    with open(listing, "w") as file:
        file.write("".join(p + "\n" for p in paths))
    return [baseline, "--list", listing]


def report_summary():
    """Projects and findings in the JSON report pmlint just wrote (read from its end, so a
    report of hundreds of MB costs nothing), then removes it."""
    try:
        with open(report_path, "rb") as file, mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ) as data:
            at = data.rfind(b'\n  "projects": [')
            tail = json.loads(b"{" + data[at:] if at >= 0 else b"{}")
        size = os.path.getsize(report_path)
        os.remove(report_path)
    except (OSError, ValueError):
        return None, "no readable JSON report"
    counts = tail.get("summary", {})
    found = ", ".join(f"{counts.get(k, 0):,} {k}" for k in ("error", "warning", "info"))
    projects = len(tail.get("projects", []))
    return projects, f"{projects:,} project{'s' if projects != 1 else ''}; findings: {found}; report {size / 1e6:.1f} MB"


def line(label, r, unit="s"):
    scale, digits = (1000, 1) if unit == "ms" else (1, 3)
    return (f"  {label:<16} {r['wall'] * scale:8.{digits}f} {unit}  (median of {r['runs']}; runs "
            f"{r['low'] * scale:.{digits}f}-{r['high'] * scale:.{digits}f})  CPU {r['cpu'] * scale:.{digits}f} {unit}"
            f"  peak {r['rss'] / 1e6:.1f} MB")


rows = []    # (figure, measured, goal, met): met is True, False or None (no goal)
notes = []   # how each figure was measured
odd = []


def row(figure, measured, goal="—", met=None):
    rows.append((figure, measured, goal, met))


def check_projects(expected, label):
    count, text = report_summary()
    print(f"  {'report':<16} {text}")
    if count != expected:
        odd.append(f"{label}: pmlint's report lists {count} projects, {expected} expected")


# ---------------------------------------------------------------- the parts

print(f"pmlint: {pmlint}")
print(f"machine: {os.cpu_count()} cores, load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}; "
      f"libyaml alone pinned to CPU {one_core}")

if "portfolio" in parts:
    sizes = [args.portfolio] + ([args.portfolio * args.portfolio_scale] if not args.no_scale and args.portfolio_scale > 1 else [])
    results = {}
    for count in sizes:
        folder = os.path.join(args.cache, f"pmlint-portfolio-{count}")
        width = max(4, len(str(count)))
        specs = [(f"project-{n:0{width}d}", PROJECT_ENTRIES, n) for n in range(1, count + 1)]
        generated = ensure_projects(folder, specs)
        paths, size = project_files(folder, specs)
        print(f"\nportfolio: {count:,} projects x {PROJECT_ENTRIES} entries, {size / 1e6:.1f} MB in {len(paths):,} files, "
              f"{folder}; {generation_note(*generated)}")
        r = side_by_side({"libyaml alone": (baseline_command(paths, f"portfolio-{count}"), True, (0,)),
                          "pmlint check": (lint_command(folder), False, (0,))}, args.runs)
        print(line("libyaml alone", r["libyaml alone"]))
        print(line("pmlint check", r["pmlint check"]))
        check_projects(count, f"portfolio of {count:,}")
        ratio = r["pmlint check"]["wall"] / r["libyaml alone"]["wall"]
        print(f"  {'ratio':<16} {ratio:.2f}x libyaml alone")
        results[count] = dict(r, ratio=ratio, size=size)
    base = results[args.portfolio]
    lint = base["pmlint check"]
    row(f"portfolio, {args.portfolio:,} projects: pmlint / libyaml alone, wall", f"{base['ratio']:.2f}x "
        f"({lint['wall']:.3f} s / {base['libyaml alone']['wall']:.3f} s)", "≤ 1.0x", base["ratio"] <= 1.0)
    row(f"portfolio, {args.portfolio:,} projects: pmlint peak memory", f"{lint['rss'] / 1e6:.1f} MB", "≤ 64 MB", lint["rss"] <= 64e6)
    if len(sizes) > 1:
        big = results[sizes[1]]
        memory = big["pmlint check"]["rss"] / lint["rss"]
        growth = big["pmlint check"]["wall"] / lint["wall"]
        row(f"portfolio, {sizes[1]:,} projects: pmlint / libyaml alone, wall", f"{big['ratio']:.2f}x "
            f"({big['pmlint check']['wall']:.3f} s / {big['libyaml alone']['wall']:.3f} s)", "≤ 1.0x", big["ratio"] <= 1.0)
        row(f"portfolio, {sizes[1]:,} vs {args.portfolio:,} projects: pmlint peak memory",
            f"{big['pmlint check']['rss'] / 1e6:.1f} MB vs {lint['rss'] / 1e6:.1f} MB ({(memory - 1) * 100:+.1f}%)",
            "within ±10%", abs(memory - 1) <= 0.10)
        row(f"portfolio, {sizes[1] // args.portfolio}x the projects: pmlint time", f"{growth:.2f}x",
            f"≤ {1.1 * sizes[1] / args.portfolio:.1f}x".replace(".0x", "x"), growth <= 1.1 * sizes[1] / args.portfolio)
    notes.append(f"portfolio: projects of {PROJECT_ENTRIES} entries, seed = project number, in one folder; libyaml alone "
                 f"parses every plan.yaml and log.yaml one after another (one process, pinned to one CPU, paths from a list "
                 f"file); `pmlint check FOLDER --as-of 2026-01-01 --format json --output FILE --fail-on never` (all cores); "
                 f"alternating, median wall of {args.runs}, peak RSS the largest of the runs")

if "project" in parts:
    folder = os.path.join(args.cache, f"pmlint-project-{PROJECT_ENTRIES}")
    specs = [("project", PROJECT_ENTRIES, 1)]
    generated = ensure_projects(folder, specs)
    paths, size = project_files(folder, specs)
    target = os.path.join(folder, "project")
    print(f"\nproject: one project of {PROJECT_ENTRIES} entries (seed 1), {size / 1e3:.0f} KB "
          f"(log {os.path.getsize(paths[1]) / 1e3:.0f} KB), {target}; {generation_note(*generated)}")
    r = side_by_side({"libyaml alone": (baseline_command(paths, "project"), True, (0,)),
                      "pmlint check": (lint_command(target), False, (0,))},
                     args.small_runs)
    print(line("libyaml alone", r["libyaml alone"], "ms"))
    print(line("pmlint check", r["pmlint check"], "ms"))
    check_projects(1, "project")
    lint = r["pmlint check"]
    row(f"one project ({PROJECT_ENTRIES} entries, {os.path.getsize(paths[1]) / 1e3:.0f} KB log): pmlint wall",
        f"{lint['wall'] * 1000:.1f} ms", "≤ 8 ms", lint["wall"] <= 0.008)
    row(f"one project ({PROJECT_ENTRIES} entries): pmlint peak memory", f"{lint['rss'] / 1e6:.1f} MB")
    notes.append(f"one project: `pmlint check PROJECT` as for the portfolio, process start included, median wall of "
                 f"{args.small_runs} (alternating with libyaml alone, shown for reference)")

if "examples" in parts:
    print("\nexamples: pmlint check examples --as-of 2026-11-20 (from the repository's root, text to /dev/null)")
    r = side_by_side({"pmlint check": ([pmlint, "check", "examples", "--as-of", "2026-11-20"], False, (0, 1)),
                      "pmlint --version": ([pmlint, "--version"], False, (0,))}, args.small_runs, cwd=ROOT)
    lint = r["pmlint check"]
    print(line("pmlint check", lint, "ms"))
    print(line("pmlint --version", r["pmlint --version"], "ms") + "   (process start alone, for reference)")
    row("examples: `pmlint check examples`, wall", f"{lint['wall'] * 1000:.1f} ms", "≤ 8 ms", lint["wall"] <= 0.008)
    notes.append(f"examples: `pmlint check examples --as-of 2026-11-20` in the repository's root, text report to "
                 f"/dev/null, process start included, median wall of {args.small_runs} (alternating with `pmlint --version`, "
                 f"shown for reference)")

if "large" in parts:
    results = {}
    for entries in (args.entries // 10, args.entries):
        folder = os.path.join(args.cache, f"pmlint-large-{entries}")
        specs = [("project", entries, 7)]
        generated = ensure_projects(folder, specs)
        paths, size = project_files(folder, specs)
        target = os.path.join(folder, "project")
        print(f"\nlarge: one project of {entries:,} log entries (seed 7), {size / 1e6:.1f} MB, {target}; "
              f"{generation_note(*generated)}")
        r = side_by_side({"libyaml alone": (baseline_command(paths, f"large-{entries}"), True, (0,)),
                          "pmlint check": (lint_command(target), False, (0,))}, args.runs)
        print(line("libyaml alone", r["libyaml alone"]))
        print(line("pmlint check", r["pmlint check"]))
        check_projects(1, f"large project of {entries:,} entries")
        ratio = r["pmlint check"]["wall"] / r["libyaml alone"]["wall"]
        print(f"  {'ratio':<16} {ratio:.2f}x libyaml alone; peak memory {r['pmlint check']['rss'] / size:.2f}x the input")
        results[entries] = dict(r, ratio=ratio, size=size)
    big, small = results[args.entries], results[args.entries // 10]
    lint = big["pmlint check"]
    row(f"large log ({args.entries:,} entries, {big['size'] / 1e6:.1f} MB): pmlint / libyaml alone, wall",
        f"{big['ratio']:.2f}x ({lint['wall']:.3f} s / {big['libyaml alone']['wall']:.3f} s)", "≤ 3x", big["ratio"] <= 3)
    row(f"large log ({args.entries:,} entries): pmlint peak memory / input", f"{lint['rss'] / big['size']:.2f}x "
        f"({lint['rss'] / 1e6:.0f} MB)", "≤ 6x", lint["rss"] <= 6 * big["size"])
    growth = lint["wall"] / small["pmlint check"]["wall"]
    row(f"large log: {args.entries:,} vs {args.entries // 10:,} entries, pmlint time", f"{growth:.2f}x", "≤ 11x", growth <= 11)
    notes.append(f"large log: one project, plan + log; libyaml alone parses both files (pinned to one CPU), pmlint as "
                 f"for the portfolio; alternating, median wall of {args.runs}; memory is peak RSS over plan + log bytes")

# ---------------------------------------------------------------- the table

if (os.stat(pmlint).st_mtime_ns, os.stat(pmlint).st_size) != binary_stamp:
    odd.append(f"{pmlint} was replaced while the benchmark ran: its figures may mix two builds")
print(f"\nload average at the end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
print(f"\n| figure | measured | goal | met |\n| --- | --- | --- | --- |")
for figure, measured, goal, met in rows:
    print(f"| {figure} | {measured} | {goal} | {'—' if met is None else 'yes' if met else '**no**'} |")
print("\nHow measured (MB = 10^6 bytes; each command started by a small C launcher: wall time from its fork to its "
      "wait4, process start included; CPU time and peak RSS from that wait4):")
for note in notes:
    print(f"- {note}")
for note in odd:
    print(f"\nwarning: {note}")
flags = [f"--only {','.join(parts)}"]
if {"portfolio", "large"} & set(parts):
    flags += [f"--runs {args.runs}"]
if {"project", "examples"} & set(parts):
    flags += [f"--small-runs {args.small_runs}"]
if "portfolio" in parts:
    flags += [f"--portfolio {args.portfolio}"] + (["--no-scale"] if args.no_scale else [f"--portfolio-scale {args.portfolio_scale}"])
if "large" in parts:
    flags += [f"--entries {args.entries}"]
print(f"\nrerun: Benchmarks/run.py{' --binary ' + pmlint if args.binary else ''} {' '.join(flags)}")
