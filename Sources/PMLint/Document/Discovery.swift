#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// Where a project's files are, with paths as the user named them.
struct ProjectLocation: Sendable, Hashable {
    /// The project folder as named on the command line (`examples/acme`).
    var path: String
    var plan: String
    var log: String?
    /// The repository the project is in (its links resolved): the folder holding `.git`, else
    /// the folder named on the command line. Nothing outside it is read through a link, and
    /// report paths and fingerprints are relative to it.
    var root: String
}

/// A path pmlint was asked to check that it cannot use.
public struct UsageError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Finds projects as FORMAT.md says: a folder with `plan.yaml` (or `plan.yml`) is a project; its
/// log is the sibling `log.yaml` (or `log.yml`); a file named on the command line is a plan.
enum Discovery {
    public static func projects(in paths: [String]) throws -> [ProjectLocation] {
        var found: [ProjectLocation] = []
        for path in paths {
            guard let isDirectory = Platform.isDirectory(path) else {
                throw UsageError("\(path): no such file or directory")
            }
            let root = FileAccess.repositoryRoot(of: path, fallback: isDirectory ? path : Platform.deletingLastPathComponent(path))
            if isDirectory {
                let before = found.count
                try walk(path, root: root, into: &found)
                if found.count == before {
                    throw UsageError("\(path): no project found (a project is a folder holding plan.yaml)")
                }
            } else {
                let folder = Platform.deletingLastPathComponent(path)
                found.append(ProjectLocation(path: folder.isEmpty ? "." : folder, plan: path,
                                             log: sibling(in: folder.isEmpty ? "." : folder, named: logNames), root: root))
            }
        }
        var seen = Set<String>()
        return found.filter { seen.insert($0.plan).inserted }
    }

    private static func walk(_ folder: String, root: String, into found: inout [ProjectLocation]) throws {
        if let plan = sibling(in: folder, named: planNames) {
            found.append(ProjectLocation(path: folder, plan: plan, log: sibling(in: folder, named: logNames), root: root))
        }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        } catch {
            throw UsageError("\(folder): cannot read the folder")
        }
        for name in names where !name.hasPrefix(".") {
            let child = join(folder, name)
            // Symbolic links to folders are not followed: they could loop.
            guard Platform.isDirectoryNotLink(child) else { continue }
            try walk(child, root: root, into: &found)
        }
    }

    /// The names a project's plan and log go by, the first preferred.
    static let planNames = ["plan.yaml", "plan.yml"]
    static let logNames = ["log.yaml", "log.yml"]

    private static func sibling(in folder: String, named names: [String]) -> String? {
        for name in names {
            let path = join(folder, name)
            if Platform.isDirectory(path) == false {
                return path
            }
        }
        return nil
    }

    /// Joins as the user would write it: `examples` + `acme` = `examples/acme`, `.` + `acme` = `acme`.
    static func join(_ folder: String, _ name: String) -> String {
        if folder == "." { return name }
        return folder.hasSuffix("/") ? folder + name : "\(folder)/\(name)"
    }
}
