#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes a report atomically: a temporary file beside the target, then a rename, so a reader
/// never sees half a report and a failed write leaves nothing behind.
public enum OutputFile {
    public static func write(_ text: String, to path: String, protecting inputs: [String]) throws {
        let sink = try ReportSink(path: path, protecting: inputs)
        try sink.write(text)
        try sink.finish()
    }
}

/// Where a report goes, part by part as it is written: standard output, or a file that appears
/// whole, atomically, when `finish()` is called (and not at all if it never is).
public final class ReportSink {
    private let file: WritableFile
    private let path: String?
    private let temporary: URL?
    private let target: URL?
    private var finished = false

    /// `path` nil: standard output.
    public init(path: String?, protecting inputs: [String]) throws {
        self.path = path
        guard let path else {
            file = WritableFile.standardOutput
            temporary = nil
            target = nil
            return
        }
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        self.target = target
        try ReportSink.refuse(inputs, replacing: target, path: path)
        let temporary = target.deletingLastPathComponent()
            .appendingPathComponent(".\(target.lastPathComponent).\(Platform.processID).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard let file = WritableFile(creatingAtPath: temporary.path) else {
            throw UsageError("\(path): cannot write the report (is the folder there and writable?)")
        }
        self.file = file
        self.temporary = temporary
    }

    /// Refuses to go on when the report would replace one of `inputs` (files read as the check
    /// goes: each project's are known once it is read). Nothing is replaced before `finish()`.
    public func protect(_ inputs: [String]) throws {
        guard let target, let path else { return }
        try ReportSink.refuse(inputs, replacing: target, path: path)
    }

    private static func refuse(_ inputs: [String], replacing target: URL, path: String) throws {
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == target {
            throw UsageError("\(path): refusing to write the report over an input file")
        }
    }

    public func write(_ text: String) throws {
        guard !text.isEmpty else { return }
        do {
            try file.write(text)
        } catch {
            throw UsageError("\(path ?? "standard output"): cannot write the report (\(error))")
        }
    }

    /// Puts the file in place.
    public func finish() throws {
        guard let temporary, let target, !finished else { return }
        finished = true
        file.close()
        if let reason = Platform.moveFile(temporary.path, to: target.path) {
            try? FileManager.default.removeItem(at: temporary)
            throw UsageError("\(path ?? target.path): cannot write the report (\(reason))")
        }
    }

    deinit {
        guard let temporary, !finished else { return }
        file.close()
        try? FileManager.default.removeItem(at: temporary)
    }
}
