import Foundation

/// Writes a report atomically: a temporary file beside the target, then a rename, so a reader
/// never sees half a report and a failed write leaves nothing behind.
public enum OutputFile {
    public static func write(_ text: String, to path: String, protecting inputs: [String]) throws {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        for input in inputs where URL(fileURLWithPath: input).standardizedFileURL.resolvingSymlinksInPath() == target {
            throw UsageError("\(path): refusing to write the report over an input file")
        }
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: Data(text.utf8)) else {
            throw UsageError("\(path): cannot write the report (is the folder there and writable?)")
        }
        guard rename(temporary.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw UsageError("\(path): cannot write the report (\(reason))")
        }
    }
}
