import Foundation
import Testing
@testable import PMLint

/// The repository's root, found from this file.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

func day(_ text: String) -> Day {
    guard let day = Day(parsing: text) else { fatalError("bad test date \(text)") }
    return day
}

func parse(_ yaml: String) -> YAMLFile { YAMLParser.parse(Array(yaml.utf8)) }

/// A scratch folder holding the given files, removed by the caller.
func scratchFolder(_ files: [String: String]) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pmlint-test-\(UUID().uuidString)")
    for (name, text) in files {
        let url = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    return folder
}

/// Reads a project from plan (and log) text.
func project(plan: String, log: String? = nil, asOf: String = "2026-11-20") -> Project {
    let planFile = SourceFile(path: "plan.yaml", bytes: Array(plan.utf8))
    let logFile = log.map { SourceFile(path: "log.yaml", bytes: Array($0.utf8)) }
    return Project(location: ProjectLocation(path: ".", plan: "plan.yaml", log: logFile == nil ? nil : "log.yaml", root: "/"),
                   planFile: planFile, logFile: logFile, asOf: day(asOf))
}

/// The rule, start line and column of each finding, in order.
func located(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.rule)@\($0.span.start.line):\($0.span.start.column)" }
}

/// A minimal valid plan, to which tests add what they exercise.
let minimalPlan = """
project:
  name: Demo
  client: Client Co
  start: 2026-09-01
stakeholders:
  - id: li-wei
    name: Li Wei
    side: client
    role: owner
  - id: zhang-min
    name: Zhang Min
    side: team

"""

/// The built `pmlint` binary.
func pmlintBinary() -> URL? {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("pmlint"),
        Bundle.main.bundleURL.appendingPathComponent("pmlint"),
        Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("pmlint"),
        repositoryRoot.appendingPathComponent(".build/debug/pmlint"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
}

/// Runs the built `pmlint` binary (or `executable`) and returns its exit code, standard output
/// and error.
func runCLI(_ arguments: [String], in directory: URL = repositoryRoot, environment: [String: String] = [:],
            executable: String? = nil) throws -> (status: Int32, out: String, err: String) {
    let process = Process()
    guard let binary = executable.map(URL.init(fileURLWithPath:)) ?? pmlintBinary() else {
        throw CLIError.binaryNotFound
    }
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = directory
    var env = ProcessInfo.processInfo.environment
    env["NO_COLOR"] = "1"
    env["LANG"] = "C"
    env["LC_ALL"] = nil
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}

enum CLIError: Error { case binaryNotFound }

/// Compares with a golden file; `PMLINT_UPDATE_GOLDEN=1 swift test` rewrites them for review.
func expectGolden(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = repositoryRoot.appendingPathComponent("Tests/PMLintTests/Golden/\(name)")
    if ProcessInfo.processInfo.environment["PMLINT_UPDATE_GOLDEN"] == "1" {
        try actual.write(to: url, atomically: true, encoding: .utf8)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(actual == expected, "output differs from Golden/\(name); rerun with PMLINT_UPDATE_GOLDEN=1 and review the diff", sourceLocation: sourceLocation)
}
