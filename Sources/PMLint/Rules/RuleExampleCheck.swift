/// Runs a rule's own examples: each must be a valid project, and the rule must fire (at the
/// given path) or stay quiet as the example says. The test suite runs this on every built-in
/// rule; `pmlint rules --check-examples` runs it on a team's rules.
public struct ExampleFailure: Sendable, CustomStringConvertible {
    public let rule: String
    let file: String
    let line: Int
    let problem: String

    public var description: String { "\(file):\(line): \(rule): \(problem)" }
}

extension Rule {
    public func checkExamples() -> [ExampleFailure] {
        var failures: [ExampleFailure] = []
        func fail(_ example: RuleExample, _ problem: String) {
            failures.append(ExampleFailure(rule: id, file: file.path, line: example.span.start.line, problem: problem))
        }
        if !examples.contains(where: \.fires) {
            failures.append(ExampleFailure(rule: id, file: file.path, line: 1, problem: "no example under `examples.fire`"))
        }
        if !examples.contains(where: { !$0.fires }) {
            failures.append(ExampleFailure(rule: id, file: file.path, line: 1, problem: "no example under `examples.pass`"))
        }
        for example in examples {
            let project = Project(location: ProjectLocation(path: "example", plan: file.path, log: nil, root: "/"),
                                  planFile: file, planNode: example.planNode, logFile: nil, asOf: example.asOf)
            if let problem = project.findings.first {
                fail(example, "the example is not a valid project: line \(problem.span.start.line): \(problem.message.en)")
                continue
            }
            let findings = RuleEngine(rules: [self]).findings(for: project, asOf: example.asOf)
            if example.fires {
                if findings.isEmpty {
                    fail(example, "expected the rule to fire, it did not")
                } else if let at = example.at, !findings.contains(where: { $0.path == at }) {
                    fail(example, "expected a finding at `\(at)`, got \(findings.map { "`\($0.path)`" }.joined(separator: ", "))")
                } else {
                    let judged = findings.filter { example.at == nil || $0.path == example.at }
                    if let severity = example.severity, !judged.contains(where: { $0.severity == severity }) {
                        fail(example, "expected a finding of severity \(severity.rawValue), got \(judged.map(\.severity.rawValue).joined(separator: ", "))")
                    }
                    if let words = example.message, !judged.contains(where: { $0.message.en.contains(words) }) {
                        fail(example, "expected a message containing \"\(words)\", got: \(judged.map(\.message.en).joined(separator: "; "))")
                    }
                }
            } else if !findings.isEmpty {
                fail(example, "expected no finding, got: \(findings.map(\.message.en).joined(separator: "; "))")
            }
        }
        return failures
    }
}
