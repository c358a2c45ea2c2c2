import Foundation
import Testing
@testable import PMLint

@Suite("Discovery")
struct DiscoveryTests {
    @Test func findsProjectsRecursivelySkippingHiddenFoldersAndBuild() throws {
        let root = try scratchFolder([
            "a/plan.yaml": minimalPlan, "a/log.yaml": "log: []\n",
            "b/nested/plan.yml": minimalPlan, "b/nested/log.yml": "log: []\n",
            ".hidden/plan.yaml": minimalPlan, ".build/x/plan.yaml": minimalPlan,
            "c/notes.txt": "not a project",
        ])
        defer { try? FileManager.default.removeItem(at: root) }
        let found = try Discovery.projects(in: [root.path])
        #expect(found.map { $0.plan.replacingOccurrences(of: root.path + "/", with: "") } == ["a/plan.yaml", "b/nested/plan.yml"])
        #expect(found[0].log?.hasSuffix("a/log.yaml") == true)
        #expect(found[1].log?.hasSuffix("nested/log.yml") == true)
    }

    @Test func aFileIsTakenAsAPlanWithItsSiblingLog() throws {
        let root = try scratchFolder(["p/other.yaml": minimalPlan, "p/log.yaml": "log: []\n"])
        defer { try? FileManager.default.removeItem(at: root) }
        let found = try Discovery.projects(in: [root.path + "/p/other.yaml"])
        #expect(found.count == 1)
        #expect(found[0].path == root.path + "/p")
        #expect(found[0].log == root.path + "/p/log.yaml")
    }

    @Test func pathsAreJoinedAsTyped() {
        #expect(Discovery.join(".", "acme") == "acme")
        #expect(Discovery.join("examples", "acme") == "examples/acme")
        #expect(Discovery.join("examples/", "acme") == "examples/acme")
    }

    @Test func missingPathAndEmptyFolderAreUsageErrors() throws {
        #expect(throws: UsageError.self) { try Discovery.projects(in: ["/nonexistent/pmlint"]) }
        let root = try scratchFolder(["empty/readme.txt": "x"])
        defer { try? FileManager.default.removeItem(at: root) }
        #expect(throws: UsageError.self) { try Discovery.projects(in: [root.path]) }
    }
}
