#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a check's time and memory go, phase by phase. With `PMLINT_TIMINGS=1` in the
/// environment, the end of each phase writes a line to standard error:
///
///     pmlint timing: <phase>\t<wall ms>\t<CPU ms>\t<resident MB>\t<peak MB>
///
/// the wall and CPU time (every core's) since the phase before, the first counted from the
/// process's start, and the process's resident and peak memory at that moment.
/// `Benchmarks/run.py` prints them as a table. Meant for one project at a time: with several,
/// their phases interleave.
public enum PhaseTimings {
    public static let enabled = ProcessInfo.processInfo.environment["PMLINT_TIMINGS"].map { !$0.isEmpty && $0 != "0" } ?? false

    /// Wall and CPU seconds at the last mark; the process's start before the first.
    private static let last = Locked<(wall: Double, cpu: Double)?>(nil)

    public static func mark(_ phase: @autoclosure () -> String) {
        guard enabled else { return }
        last.withLock { last in
            let now = (wall: bootClock(), cpu: cpuSeconds())
            let since = last ?? (processStart() ?? now.wall, 0)
            last = now
            let memory = residentMemory()
            let line = "pmlint timing: \(phase())\t\(milliseconds(now.wall - since.wall))\t\(milliseconds(now.cpu - since.cpu))"
                + "\t\(memory.resident / 1024)\t\(memory.peak / 1024)\n"
            printError(line)
        }
    }

    private static func milliseconds(_ seconds: Double) -> Int { Int((seconds * 1000).rounded()) }

    /// Seconds since the machine booted, the clock `/proc` counts process start times on (on
    /// other systems, a monotonic clock, and the first phase counts from its own start).
    private static func bootClock() -> Double {
        var time = timespec()
        #if os(Linux)
        clock_gettime(CLOCK_BOOTTIME, &time)
        #else
        clock_gettime(CLOCK_MONOTONIC, &time)
        #endif
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// When the process started, in seconds since boot (field 22 of `/proc/self/stat`).
    private static func processStart() -> Double? {
        #if os(Linux)
        guard let stat = try? String(contentsOfFile: "/proc/self/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command's name, which may hold spaces, start at field 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let ticks = Double(fields[19]) else { return nil }
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
        #else
        return nil
        #endif
    }

    private static func cpuSeconds() -> Double {
        var usage = rusage()
        #if os(Linux)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    /// Resident and peak resident memory in kB (`VmRSS`, `VmHWM`; none where there is no `/proc`).
    private static func residentMemory() -> (resident: Int, peak: Int) {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return (0, 0) }
        func kilobytes(_ key: String) -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(key) }) else { return 0 }
            return Int(line.split(separator: " ").dropFirst().first { Int($0) != nil } ?? "") ?? 0
        }
        return (kilobytes("VmRSS:"), kilobytes("VmHWM:"))
    }
}

/// A value behind a lock: the C library's mutex, which every platform pmlint builds on has
/// (the standard library's `Mutex` needs macOS 15).
final class Locked<Value>: @unchecked Sendable {
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private var value: Value

    init(_ value: Value) {
        self.value = value
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return body(&value)
    }
}
