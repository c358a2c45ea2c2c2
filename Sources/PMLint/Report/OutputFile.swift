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

/// A report to write: a string, or a writer that sends it to a sink chunk by chunk as it is
/// made (a large JSON or SARIF report is never held whole). The writer stops when the sink
/// fails, and says whether all was written.
public enum ReportOutput: Sendable {
    case text(String)
    case chunks(@Sendable (_ sink: ([UInt8]) -> Bool) -> Bool)
}

/// Writes a report atomically: a temporary file beside the target, then a rename, so a reader
/// never sees half a report and a failed write leaves nothing behind.
public enum OutputFile {
    public static func write(_ text: String, to path: String, protecting inputs: [String]) throws {
        try write(.text(text), to: path, protecting: inputs)
    }

    public static func write(_ report: ReportOutput, to path: String, protecting inputs: [String]) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == target {
            throw UsageError("\(path): refusing to write the report over an input file")
        }
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else {
            throw UsageError("\(path): cannot write the report (is the folder there and writable?)")
        }
        let written = OutputFile.write(report, to: descriptor)
        close(descriptor)
        guard written else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw UsageError("\(path): cannot write the report (\(reason))")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw UsageError("\(path): cannot write the report (\(reason))")
        }
    }

    /// Writes the report's UTF-8 as it is stored (a large report is not copied to be written).
    public static func write(_ report: ReportOutput, to descriptor: Int32) -> Bool {
        switch report {
        case .text(var text):
            return text.withUTF8 { write($0, to: descriptor) }
        case .chunks(let writer):
            return writer { chunk in chunk.withUnsafeBufferPointer { write($0, to: descriptor) } }
        }
    }

    private static func write(_ bytes: UnsafeBufferPointer<UInt8>, to descriptor: Int32) -> Bool {
        var done = 0
        while done < bytes.count {
            guard let base = bytes.baseAddress else { return false }
            let count = writeDescriptor(descriptor, from: base + done, count: bytes.count - done)
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }
}
