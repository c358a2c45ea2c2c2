/// Applies suppressions to a project's findings: hidden findings are set aside, and every
/// suppression without a reason, for no known rule, or that hides nothing is a finding itself.
struct SuppressionAudit {
    var kept: [Finding] = []
    var suppressed: [(finding: Finding, reason: String)] = []

    /// Without `auditing`, suppressions only hide: their own findings are left out (a run of
    /// the rules on another day looks for what falls due, not at the suppressions).
    init(findings: [Finding], suppressions: [Suppression], itemsStartingOn lines: [String: [Int: [String]]], known: Set<String>,
         auditing: Bool = true) {
        var used = [Bool](repeating: false, count: suppressions.count)
        var valid = [Bool](repeating: false, count: suppressions.count)
        var audit: [Finding] = []
        for (index, suppression) in suppressions.enumerated() {
            /// This suppression is `suppression-invalid`, for the reason `key` names.
            func invalid(_ message: LocalizedText, fix: LocalizedText? = nil, _ key: String) {
                audit.append(DocumentRule.suppressionInvalid.finding(message, fix: fix, file: suppression.file, span: suppression.span,
                                                                     path: "", identity: suppression.identity + "|" + key))
            }
            let rule = suppression.rule
            if suppression.unreadable {
                invalid(LocalizedText(en: "this comment looks like a suppression but cannot be read, so it hides nothing",
                                      zh: "这条注释看起来像屏蔽声明，但无法识别，因此不会屏蔽任何问题"),
                        fix: LocalizedText(en: "write it as `# pmlint-disable RULE -- reason` or `# pmlint-disable-next-line RULE -- reason`: a space after the keyword, no colon",
                                           zh: "写成 `# pmlint-disable 规则 -- 原因` 或 `# pmlint-disable-next-line 规则 -- 原因`：关键字后是空格，不要冒号"), "unreadable")
            } else if DocumentRule(rawValue: rule)?.stopsTheCheck == true {
                invalid(LocalizedText(en: "`\(rule)` cannot be suppressed: it means the file was not read, so nothing in it was checked",
                                      zh: "`\(rule)` 不能屏蔽：它表示文件没有被读取，其中的内容都没有检查"),
                        fix: LocalizedText(en: "fix the file instead, and remove this suppression", zh: "请修正文件，并删除这条屏蔽声明"), "stops")
            } else if rule.isEmpty || !known.contains(rule) {
                let hint = nearest(to: rule, in: known).first.map { "; did you mean `\($0)`?" } ?? ""
                invalid(LocalizedText(en: rule.isEmpty ? "this suppression names no rule" : "this suppression names `\(rule)`, which is no rule id or category\(hint)",
                                      zh: rule.isEmpty ? "此屏蔽声明没有指明规则" : "此屏蔽声明中的 `\(rule)` 不是规则 id 或类别\(hint)"), "unknown")
            } else if suppression.reason == nil {
                invalid(LocalizedText(en: "the suppression of `\(rule)` gives no reason; it hides nothing until it does",
                                      zh: "对 `\(rule)` 的屏蔽没有写明原因；写明原因之前不会生效"),
                        fix: LocalizedText(en: "say why, so the next reader can judge it: `# pmlint-disable-next-line \(rule) -- mediation booked for 12-01`, or `x-pmlint-ignore: {\(rule): \"why\"}`",
                                           zh: "写明原因，方便后来的人判断：`# pmlint-disable-next-line \(rule) -- 原因`，或 `x-pmlint-ignore: {\(rule): \"原因\"}`"), "reason")
            } else {
                valid[index] = true
            }
        }
        for finding in findings {
            let hiding = suppressions.indices.first { valid[$0] && suppressions[$0].hides(finding, itemsStartingOn: lines[finding.file] ?? [:]) }
            if let hiding {
                used[hiding] = true
                suppressed.append((finding, suppressions[hiding].reason ?? ""))
            } else {
                kept.append(finding)
            }
        }
        for (index, suppression) in suppressions.enumerated() where valid[index] && !used[index] {
            audit.append(DocumentRule.suppressionUnused.finding(
                LocalizedText(en: "this suppression of `\(suppression.rule)` hides nothing", zh: "对 `\(suppression.rule)` 的屏蔽没有屏蔽任何问题"),
                fix: LocalizedText(en: "remove it: the problem it was for is gone", zh: "删除它：它针对的问题已经不存在"),
                file: suppression.file, span: suppression.span, path: "", identity: suppression.identity + "|unused"))
        }
        if auditing { kept += audit }
    }
}
