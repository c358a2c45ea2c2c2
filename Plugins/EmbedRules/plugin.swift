import Foundation
import PackagePlugin

/// Embeds every `rules/*.yaml` of the package into the PMLint module as Swift source, and the
/// commit the package is built from, for `pmlint --version`.
@main
struct EmbedRules: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let ruleFiles = try FileManager.default
            .contentsOfDirectory(at: package.appendingPathComponent("rules"), includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let tool = try context.tool(named: "embed-rules").url
        let rulesOutput = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedRules.swift")
        let commitOutput = context.pluginWorkDirectoryURL.appendingPathComponent("EmbeddedCommit.swift")
        // The plugin runs at every build, so a new commit changes the command's arguments and
        // the command runs again; the files it was read from are its inputs as well.
        let head = GitHead(package: package)
        return [
            .buildCommand(
                displayName: "Embedding \(ruleFiles.count) rule files",
                executable: tool,
                arguments: [rulesOutput.path] + ruleFiles.map(\.path),
                inputFiles: ruleFiles,
                outputFiles: [rulesOutput]
            ),
            .buildCommand(
                displayName: "Embedding the commit \(head.commit ?? "(none: not a git checkout)")",
                executable: tool,
                arguments: ["--commit", head.commit ?? "", commitOutput.path],
                inputFiles: head.files,
                outputFiles: [commitOutput]
            ),
        ]
    }
}

/// The commit checked out in the package's git repository, read from the files git keeps
/// (`HEAD`, a loose ref, `packed-refs`) rather than by running git, which a build machine
/// may not have. A source archive has no `.git`: no commit.
struct GitHead {
    var commit: String?
    var files: [URL] = []

    init(package: URL) {
        guard var gitDirectory = Self.gitDirectory(package.appendingPathComponent(".git")) else { return }
        let headFile = gitDirectory.appendingPathComponent("HEAD")
        guard let head = Self.firstLine(headFile) else { return }
        files.append(headFile)
        guard head.hasPrefix("ref: ") else {
            commit = Self.hash(head)
            return
        }
        let ref = String(head.dropFirst(5))
        // A worktree keeps its branches in the repository it belongs to.
        if let common = Self.firstLine(gitDirectory.appendingPathComponent("commondir")) {
            gitDirectory = common.hasPrefix("/")
                ? URL(fileURLWithPath: common)
                : gitDirectory.appendingPathComponent(common).standardizedFileURL
        }
        let looseRef = gitDirectory.appendingPathComponent(ref)
        if let loose = Self.firstLine(looseRef) {
            files.append(looseRef)
            commit = Self.hash(loose)
            return
        }
        let packedRefs = gitDirectory.appendingPathComponent("packed-refs")
        guard let packed = try? String(contentsOf: packedRefs, encoding: .utf8) else { return }
        files.append(packedRefs)
        for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
            commit = Self.hash(String(line.prefix { $0 != " " }))
        }
    }

    /// `.git` is a folder, or in a worktree or submodule a file that names the folder.
    private static func gitDirectory(_ dotGit: URL) -> URL? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dotGit.path, isDirectory: &isFolder) else { return nil }
        if isFolder.boolValue { return dotGit }
        guard let line = firstLine(dotGit), line.hasPrefix("gitdir: ") else { return nil }
        let path = String(line.dropFirst(8))
        return path.hasPrefix("/")
            ? URL(fileURLWithPath: path)
            : dotGit.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
    }

    private static func firstLine(_ file: URL) -> String? {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        return text.split(separator: "\n").first.map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func hash(_ text: String) -> String? {
        let isHash = (text.count == 40 || text.count == 64) && text.allSatisfy(\.isHexDigit)
        return isHash ? text.lowercased() : nil
    }
}
