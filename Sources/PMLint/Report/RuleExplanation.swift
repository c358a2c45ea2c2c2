/// `pmlint explain RULE`: the rule in the sections of ruff's rule docs — what it checks, why,
/// an example that fires and the fixed version, the parameters — with its guidance sources and
/// the coaching that goes with it.
public enum RuleExplanation {
    public static func text(_ rule: Rule, language: Language) -> String {
        let zh = language == .zh
        let severity = zh ? ["error": "错误", "warning": "警告", "info": "提示"][rule.severity.rawValue] ?? rule.severity.rawValue : rule.severity.rawValue
        var out = zh ? "\(rule.id)（\(severity)，\(BriefText(language: .zh).area(rule.category))）\n" : "\(rule.id)  (\(severity), \(rule.category))\n"
        out += "\n" + (zh ? "检查什么" : "What it checks") + "\n"
        out += indent(rule.summary[language]) + "\n"
        out += indent((zh ? "发现问题时报告：" : "When it fires, it says: ") + rule.described(rule.message[language], language)) + "\n"
        if rule.linksByID { out += indent(linking[language]) + "\n" }
        out += "\n" + (zh ? "为什么" : "Why it matters") + "\n" + indent(rule.rationale[language]) + "\n"
        out += indent((zh ? "出处：" : "Source: ") + Guidance.source(rule.source, language: language)) + "\n"
        for article in Guidance.articles(in: rule.source, language: language) { out += indent("  " + article) + "\n" }
        if let fire = rule.examples.first(where: \.fires) {
            out += "\n" + (zh ? "会触发的例子" : "Example that fires") + "\n" + indent(example(rule, fire, language)) + "\n"
        }
        if let pass = rule.examples.first(where: { !$0.fires }) {
            out += "\n" + (zh ? "改正后的写法" : "Use instead") + "\n" + indent(example(rule, pass, language)) + "\n"
        }
        if let fix = rule.fix {
            out += "\n" + (zh ? "如何修复" : "How to fix it") + "\n" + indent(rule.described(fix[language], language, isFix: true)) + "\n"
        }
        out += "\n" + (zh ? "参数" : "Parameters") + "\n"
        if rule.parameterDefaults.isEmpty {
            out += indent(zh ? "无" : "none") + "\n"
        }
        for parameter in rule.parameterDefaults {
            let from = parameter.from.map { zh ? "（计划中给出 `\($0)` 时以其为准）" : " (the plan's `\($0)` when given)" } ?? ""
            out += indent("\(parameter.name): \(parameter.value)\(from)") + "\n"
        }
        out += indent(zh ? "可在 .pmlint.yml 中调整：rules: {\(rule.id): {severity: ..., <参数>: ...}}" : "Change them in .pmlint.yml: rules: {\(rule.id): {severity: ..., <parameter>: ...}}") + "\n"
        if let coaching = Guidance.coaching[rule.category] {
            out += "\n" + (zh ? "实践建议（规则无法检查的部分）" : "Coaching (what no rule can check)") + "\n" + indent(coaching[language]) + "\n"
        }
        return out
    }

    public static func text(_ rule: DocumentRule, language: Language) -> String {
        let zh = language == .zh
        return "\(rule.rawValue)  (\(rule.severity.rawValue), \(rule.category))\n\(rule.summary[language])\n\n"
            + indent(zh ? "这是 pmlint 对文件本身的检查。文件格式（每个字段及其取值）见 `pmlint schema --markdown`（即 pmlint 仓库中的 docs/format.md）；`pmlint schema plan` 和 `pmlint schema log` 输出供编辑器补全和校验的 JSON Schema，`pmlint init` 生成带注释的示例。"
                        : "This is pmlint's own check of the files themselves. The format, every field with its values: `pmlint schema --markdown` (docs/format.md in pmlint's repository); `pmlint schema plan` and `pmlint schema log` print it as JSON Schema for editors, and `pmlint init` writes commented example files.") + "\n"
    }

    /// The explanation as Markdown, for an editor's hover: the first line a heading, each
    /// section's title in bold, prose as paragraphs, and examples and fixes (lines indented
    /// beyond the section's) as code.
    public static func markdown(_ text: String) -> String {
        var out = ""
        var block: [Substring] = []
        func flush() {
            guard !block.isEmpty else { return }
            let lines = block.map { $0.dropFirst(min(2, $0.prefix { $0 == " " }.count)) }
            if lines.contains(where: { $0.hasPrefix(" ") }) {
                out += "```yaml\n" + lines.joined(separator: "\n") + "\n```\n\n"
            } else {
                out += lines.map { $0.replacingAll("\\", with: "\\\\") }.joined(separator: "  \n") + "\n\n"
            }
            block = []
        }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if index == 0 {
                out += "### " + line + "\n\n"
            } else if line.isEmpty {
                flush()
            } else if line.hasPrefix(" ") {
                block.append(line)
            } else {
                flush()
                out += "**" + line + "**\n\n"
            }
        }
        flush()
        return out
    }

    /// How a follow-up is tied to what it follows up, for the rules where only that counts.
    static let linking = LocalizedText(
        en: "A log entry counts as a follow-up of an item only when its `re` names the item's id: give the item an `id` (a kickoff `id: kickoff`, a change `id: cr2`) and write `re: [cr2]` on the entries about it.",
        zh: "日志条目只有在 `re` 中写明某项的 id 时，才算作对它的跟进：给该项一个 `id`（启动会 `id: kickoff`，变更 `id: cr2`），并在相关条目上写 `re: [cr2]`。")

    /// An example as a reader needs it: the project and the date. What the example asserts
    /// of the finding (`at`, `severity`, `message`) is for the test run, and its note is
    /// written in English, so the Chinese reader gets neither.
    private static func example(_ rule: Rule, _ example: RuleExample, _ language: Language) -> String {
        let hidden = language == .zh ? ["note:", "at:", "severity:", "message:"] : ["at:", "severity:", "message:"]
        return CatalogReport.sourceLines(rule.file, example.span).split(separator: "\n", omittingEmptySubsequences: false)
            .filter { line in !hidden.contains { line.drop { $0 == " " || $0 == "-" }.hasPrefix($0) } }
            .joined(separator: "\n")
    }

    private static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
