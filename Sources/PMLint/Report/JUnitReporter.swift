/// JUnit XML, for CI systems that show test results: a test suite per project, a test case per
/// rule that ran, a failure per finding at or above `--fail-on`. Findings below it are reported
/// in the case's output and fail nothing, as they fail no run.
public struct JUnitReporter: WholeReport, Sendable {
    public var language: Language
    /// The lowest severity that fails (nil: nothing fails).
    public var failOn: Severity?

    public var held = HeldProjects()

    public init(language: Language, failOn: Severity? = .error) {
        self.language = language
        self.failOn = failOn
    }

    private func fails(_ finding: Finding) -> Bool { failOn.map { finding.severity >= $0 } ?? false }

    public func whole(_ result: CheckResult) -> String {
        var suites = ""
        for project in result.projects {
            let findings = result.findings(in: project.path)
            let byRule = Dictionary(grouping: findings, by: \.finding.rule)
            var cases = ""
            var failures = 0
            for rule in result.rules {
                let found = byRule[rule.id] ?? []
                cases += "    <testcase name=\"\(xml(rule.id))\" classname=\"\(xml(project.path))\""
                if found.isEmpty {
                    cases += "/>\n"
                    continue
                }
                cases += ">\n"
                var output: [String] = []
                for reported in found {
                    let finding = reported.finding
                    let location = "\(finding.file):\(finding.span.start.line):\(finding.span.start.column)"
                    var body = "\(location): \(finding.severity.rawValue): \(finding.message[language])"
                    if let fix = finding.fix { body += "\nfix: \(fix[language])" }
                    guard fails(finding) else {
                        output.append(body)
                        continue
                    }
                    failures += 1
                    cases += "      <failure type=\"\(finding.severity.rawValue)\" message=\"\(xml(finding.message[language]))\">\(xml(body))</failure>\n"
                }
                if !output.isEmpty { cases += "      <system-out>\(xml(output.joined(separator: "\n\n")))</system-out>\n" }
                cases += "    </testcase>\n"
            }
            suites += "  <testsuite name=\"\(xml(project.path))\" tests=\"\(result.rules.count)\" failures=\"\(failures)\" errors=\"0\" skipped=\"0\">\n"
            if let name = project.name {
                suites += "    <properties><property name=\"project\" value=\"\(xml(name))\"/><property name=\"as_of\" value=\"\(result.asOf)\"/></properties>\n"
            }
            suites += cases + "  </testsuite>\n"
        }
        let total = result.rules.count * result.projects.count
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<testsuites name=\"pmlint\" tests=\"\(total)\" failures=\"\(result.findings.filter { fails($0.finding) }.count)\">\n"
            + suites + "</testsuites>\n"
    }
}

/// Text as XML character data or an attribute value; characters XML 1.0 forbids are dropped.
func xml(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\n": out += "&#10;"
        case "\t", "\r": out.unicodeScalars.append(scalar)
        default:
            if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}
