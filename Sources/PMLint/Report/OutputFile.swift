#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Writes a report atomically: a temporary file beside the target, then a rename, so a reader
/// never sees half a report and a failed write leaves nothing behind.
public enum OutputFile {
    public static func write(_ text: String, to path: String, protecting inputs: [String], allowOutside: Bool = false) throws {
        let sink = try ReportSink(path: path, protecting: inputs, allowOutside: allowOutside)
        try sink.write(text)
        try sink.finish()
    }
}

/// Where a report goes, part by part as it is written: standard output, or a file that appears
/// whole, atomically, when `finish()` is called (and not at all if it never is). The path is
/// never followed through a symbolic link: a committed `pmlint.sarif` linked to a file outside
/// the repository would be overwritten. A device or a FIFO there (`/dev/stdout`, which is a
/// link to one) is written in place, never replaced.
public final class ReportSink {
    private let file: WritableFile
    private let path: String?
    /// Set when the report is written beside its target and renamed over it at the end.
    private let temporary: String?
    private let target: String?
    private var finished = false

    /// `path` nil: standard output.
    public init(path: String?, protecting inputs: [String], allowOutside: Bool = false) throws {
        self.path = path
        guard let path else {
            file = WritableFile.standardOutput
            temporary = nil
            target = nil
            return
        }
        let target = Platform.absolutePath(path)
        self.target = target
        try ReportSink.refuse(inputs, replacing: target, path: path)
        // A FIFO or a terminal-like device is written in place; a link only when it is one of
        // the system's own (`/dev/stdout` leads to a pipe, a terminal, or the file the caller
        // sent standard output to), never one a repository could commit.
        let there = Platform.target(at: target)
        let stream = there == .fifo || (there == .device && Platform.isCharacterDevice(target))
        let inPlace: Bool
        switch Platform.entry(at: target) {
        case .fifo:
            inPlace = true
        case .device:
            guard stream else { throw UsageError("\(path): a device pmlint does not write a report to") }
            inPlace = true
        case .symbolicLink:
            guard target.hasPrefix("/dev/") || target.hasPrefix("/proc/"), stream || there == .regular else {
                throw UsageError("\(path): a symbolic link; pmlint does not write a report through one (remove it, or choose another --output)")
            }
            inPlace = true
        case .directory:
            throw UsageError("\(path): a folder; --output names the report file")
        default:
            inPlace = false
        }
        // The folder the report goes into is where it says: not a link out of the repository.
        if !inPlace, !allowOutside {
            let folder = Platform.deletingLastPathComponent(target)
            let root = FileAccess.repositoryRoot(of: folder)
            if let real = Platform.realPath(folder), !FileAccess.isInside(real, root), real != folder {
                throw UsageError("\(path): its folder is a symbolic link that leads outside the repository; pmlint does not write a report through it (--allow-outside allows it)")
            }
        }
        if inPlace {
            guard let file = WritableFile(openingExistingAtPath: target) else {
                throw UsageError("\(path): cannot write the report (cannot open it for writing)")
            }
            self.file = file
            self.temporary = nil
            return
        }
        let temporary = Platform.appendingPathComponent(Platform.deletingLastPathComponent(target),
                                                        ".\(Platform.lastPathComponent(target)).\(Platform.processID).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard let file = WritableFile(creatingNewAtPath: temporary) else {
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

    private static func refuse(_ inputs: [String], replacing target: String, path: String) throws {
        let real = Platform.realPath(target) ?? target
        for input in inputs where Platform.absolutePath(input) == target || Platform.realPath(input) == real {
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

    /// Puts the file in place. A file it replaces keeps its permissions (a log kept private
    /// stays private), set on the new file before it takes the old one's place.
    public func finish() throws {
        guard !finished else { return }
        finished = true
        file.close()
        guard let temporary, let target else { return }
        if let permissions = Platform.permissions(of: target) { Platform.setPermissions(temporary, permissions) }
        if let reason = Platform.moveFile(temporary, to: target) {
            Platform.removeFile(temporary)
            throw UsageError("\(path ?? target): cannot write the report (\(reason))")
        }
    }

    deinit {
        guard !finished else { return }
        file.close()
        if let temporary { Platform.removeFile(temporary) }
    }
}
