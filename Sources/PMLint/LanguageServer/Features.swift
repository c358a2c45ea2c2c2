/// What the editor asks about a document: hover, definition, references, outline, completion,
/// code actions, inlay hints. Each answers from the project as last checked, after running a
/// pending check of it, so positions match the text the editor shows.
extension Server {
    /// The project of an open document, checked up to its latest text.
    private mutating func checked(_ uri: String) -> (path: String, checked: Checked, text: TextLines)? {
        guard let path = Self.path(of: uri), documents[path] != nil, let plan = planPath(for: path) else { return nil }
        settle(path)
        if projects[plan] == nil { check(plan) }
        guard let checked = projects[plan], let text = checked.texts[path] else { return nil }
        return (path, checked, text)
    }

    /// Where a span of the map's text is in the text checked.
    private func currentRange(_ span: Span, file: String, in checked: Checked) -> LSP.Range? {
        guard let lines = checked.texts[file] else { return nil }
        let drift = drifts[file] ?? Drift()
        return LSP.Range(start: lines.position(of: drift.new(span.start.offset)), end: lines.position(of: drift.new(span.end.offset)))
    }

    /// The id under an offset of the text checked, found in the map.
    private func occurrence(in checked: Checked, file: String, at offset: Int) -> ProjectMap.Occurrence? {
        guard let map = checked.map, let old = (drifts[file] ?? Drift()).old(offset) else { return nil }
        return map.occurrence(in: file, at: old)
    }

    // MARK: Hover

    mutating func hover(_ params: LSP.TextDocumentPositionParams) -> LSP.Hover? {
        guard let (path, checked, text) = checked(params.textDocument.uri) else { return nil }
        let offset = text.offset(of: params.position)
        if let map = checked.map, let occurrence = occurrence(in: checked, file: path, at: offset), let item = map.project.items[occurrence.id] {
            return LSP.Hover(contents: LSP.MarkupContent(value: map.describe(item, language: language)),
                             range: currentRange(occurrence.span, file: path, in: checked))
        }
        // A rule id written in a suppression (a comment or `x-pmlint-ignore`), or a finding under the cursor.
        let line = String(decoding: text.line(params.position.line), as: UTF8.self)
        if line.contains("pmlint-disable") || line.contains("x-pmlint-ignore"),
           let word = Self.word(in: text, at: offset), let explanation = explanation(of: word.text) {
            return LSP.Hover(contents: LSP.MarkupContent(value: explanation), range: word.range)
        }
        let position = params.position
        if let finding = checked.report.findings.first(where: { $0.finding.file == path && text.range($0.finding.span).contains(position) }),
           let explanation = explanation(of: finding.finding.rule) {
            let message = "**\(finding.finding.severity.rawValue)[\(finding.finding.rule)]** "
                + ProjectMap.markdownEscaped(finding.finding.message[language]) + "\n\n---\n\n"
            return LSP.Hover(contents: LSP.MarkupContent(value: message + explanation), range: text.range(finding.finding.span))
        }
        return nil
    }

    /// `pmlint explain`, for a rule or one of pmlint's own checks.
    func explanationText(of id: String) -> String? {
        catalog?.rule(id).map { RuleExplanation.text($0, language: language) }
            ?? DocumentRule(rawValue: id).map { RuleExplanation.text($0, language: language) }
    }

    /// `pmlint explain` as Markdown.
    func explanation(of id: String) -> String? { explanationText(of: id).map(RuleExplanation.markdown) }

    /// The run of id characters around an offset.
    static func word(in text: TextLines, at offset: Int) -> (text: String, range: LSP.Range)? {
        func isIDByte(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F
        }
        var start = min(offset, text.bytes.count), end = start
        while start > 0, isIDByte(text.bytes[start - 1]) { start -= 1 }
        while end < text.bytes.count, isIDByte(text.bytes[end]) { end += 1 }
        guard start < end else { return nil }
        return (String(decoding: text.bytes[start..<end], as: UTF8.self), LSP.Range(start: text.position(of: start), end: text.position(of: end)))
    }

    // MARK: Definition and references

    mutating func definition(_ params: LSP.TextDocumentPositionParams) -> [LSP.Location] {
        guard let (path, checked, text) = checked(params.textDocument.uri), let map = checked.map,
              let occurrence = occurrence(in: checked, file: path, at: text.offset(of: params.position)),
              let definition = map.definition(of: occurrence.id) else { return [] }
        return location(definition, in: checked).map { [$0] } ?? []
    }

    mutating func references(_ params: LSP.ReferenceParams) -> [LSP.Location] {
        guard let (path, checked, text) = checked(params.textDocument.uri), let map = checked.map,
              let occurrence = occurrence(in: checked, file: path, at: text.offset(of: params.position)) else { return [] }
        let includeDeclaration = params.context?.includeDeclaration ?? true
        return map.occurrences(of: occurrence.id).filter { includeDeclaration || !$0.isDefinition }.compactMap { location($0, in: checked) }
    }

    private func location(_ occurrence: ProjectMap.Occurrence, in checked: Checked) -> LSP.Location? {
        currentRange(occurrence.span, file: occurrence.file, in: checked).map { LSP.Location(uri: uri(of: occurrence.file), range: $0) }
    }

    // MARK: Outline

    mutating func symbols(_ params: LSP.DocumentSymbolParams) -> [LSP.DocumentSymbol] {
        guard let (path, checked, _) = checked(params.textDocument.uri), let map = checked.map else { return [] }
        let project = map.project
        // The map's spans, carried into the text as it is now.
        func spanRange(_ span: Span) -> LSP.Range {
            currentRange(span, file: path, in: checked) ?? LSP.Range(start: LSP.Position(line: 0, character: 0), end: LSP.Position(line: 0, character: 0))
        }
        func symbol(_ item: Item, kind: Int) -> LSP.DocumentSymbol {
            let range = spanRange(item.source.span(item.node))
            let selection = item["id"].map { spanRange(item.source.span($0.node)) } ?? LSP.Range(start: range.start, end: range.start)
            let title = ProjectMap.title(of: item)
            let name: String
            if item.shape === Schema.entry {
                name = [item.date("date")?.description, item.choice("type"), item.choice("kind")].compactMap { $0 }.joined(separator: " ")
            } else {
                name = item.id ?? title
            }
            return LSP.DocumentSymbol(name: name.isEmpty ? item.shape.name : name, detail: title == name ? nil : title,
                                      kind: kind, range: range, selectionRange: selection, children: nil)
        }
        func group(_ key: String, kind: Int, items: [Item]) -> LSP.DocumentSymbol? {
            guard let plan = project.plan, let field = plan[key], !items.isEmpty else { return nil }
            let range = spanRange(plan.source.span(field.node))
            let keyRange = plan.source.tree.keyNode(in: plan.node, named: key).map { spanRange(plan.source.span($0)) }
                ?? LSP.Range(start: range.start, end: range.start)
            return LSP.DocumentSymbol(name: key, detail: "\(items.count)", kind: 3,
                                      range: LSP.Range(start: min(keyRange.start, range.start), end: range.end),
                                      selectionRange: keyRange, children: items.map { symbol($0, kind: kind) })
        }
        var symbols: [LSP.DocumentSymbol] = []
        if let plan = project.plan, plan.source.path == path {
            // 13 variable (people), 17 boolean... LSP's kinds: 24 event, 14 constant, 23 struct.
            symbols += [group("stakeholders", kind: 13, items: plan.items("stakeholders")),
                        group("milestones", kind: 24, items: plan.items("milestones")),
                        group("risks", kind: 14, items: plan.items("risks")),
                        group("changes", kind: 23, items: plan.items("changes"))].compactMap { $0 }
        }
        let entries = project.entries.filter { $0.source.path == path }
        if let first = entries.first, let last = entries.last {
            let range = LSP.Range(start: spanRange(first.source.span(first.node)).start, end: spanRange(last.source.span(last.node)).end)
            symbols.append(LSP.DocumentSymbol(name: "log", detail: "\(entries.count)", kind: 3, range: range,
                                              selectionRange: LSP.Range(start: range.start, end: range.start),
                                              children: entries.map { symbol($0, kind: 24) }))
        }
        return symbols
    }

    // MARK: Completion

    mutating func completion(_ params: LSP.CompletionParams) -> LSP.CompletionList {
        guard let path = Self.path(of: params.textDocument.uri), let document = documents[path] else { return LSP.CompletionList(items: []) }
        // Completion reads the text as typed: no check is waited for. Only a project's plan and
        // log are pmlint's (an editor may send every YAML file).
        guard let plan = planPath(for: path) else { return LSP.CompletionList(items: []) }
        let map = projects[plan]?.map
        let name = Platform.lastPathComponent(path)
        guard let context = CompletionContext(text: document.text, offset: document.text.offset(of: params.position),
                                              isLog: name.hasPrefix("log.")) else { return LSP.CompletionList(items: []) }
        return LSP.CompletionList(items: LanguageServer.completions(context, map: map, text: document.text, skeletons: skeletons,
                                                                    asOf: asOf, language: language, snippets: snippets))
    }

    // MARK: Code actions

    mutating func codeActions(_ params: LSP.CodeActionParams) -> [LSP.CodeAction] {
        guard let (path, checked, text) = checked(params.textDocument.uri) else { return [] }
        let prints = Set(params.context.diagnostics.compactMap(\.fingerprint))
        let findings = checked.report.findings.filter { reported in
            reported.finding.file == path
                && (prints.contains(reported.fingerprint) || text.range(reported.finding.span).overlaps(params.range))
        }
        // The fixes first, then the suppressions, then the explanations (one per rule).
        var fixes: [LSP.CodeAction] = [], suppressions: [LSP.CodeAction] = [], explanations: [LSP.CodeAction] = []
        var explained = Set<String>()
        for reported in findings {
            let finding = reported.finding
            let diagnostic = [self.diagnostic(reported, lines: text, texts: checked.texts, map: checked.freshMap)]
            if let action = logEntryAction(reported, checked: checked, diagnostic: diagnostic) { fixes.append(action) }
            if finding.rule != DocumentRule.suppressionUnused.rawValue && finding.rule != DocumentRule.suppressionInvalid.rawValue
                && !finding.stopsTheCheck {
                suppressions.append(suppressAction(reported, text: text, diagnostic: diagnostic))
            }
            if explained.insert(finding.rule).inserted {
                explanations.append(LSP.CodeAction(title: language == .zh ? "解释规则 \(finding.rule)" : "Explain \(finding.rule)",
                                                   kind: LSP.CodeAction.explain, diagnostics: diagnostic,
                                                   command: LSP.Command(title: "pmlint explain \(finding.rule)", command: LanguageServer.explainCommand,
                                                                        arguments: [finding.rule])))
            }
        }
        var actions = fixes + suppressions + explanations
        if let only = params.context.only {
            actions = actions.filter { action in only.contains { action.kind == $0 || action.kind.hasPrefix($0 + ".") } }
        }
        return actions
    }

    /// The fix's log entry, dated and with the people filled in, added to the log as `log add` adds it.
    private func logEntryAction(_ reported: ReportedFinding, checked: Checked, diagnostic: [LSP.Diagnostic]) -> LSP.CodeAction? {
        guard let map = checked.freshMap, let fix = reported.finding.fix?.en, let template = SuggestedEntry.template(in: fix) else { return nil }
        let asOf = self.asOf
        let entry = SuggestedEntry.filled(template, map: map, asOf: asOf, at: reported.finding.path)
        // The map was read from the texts checked: its log file is the text the editor shows.
        let (target, file) = map.project.logDestination
        // A project's first log.yaml is a file to create, which not every client can.
        guard target != nil || canCreateFiles else { return nil }
        guard let edit = try? LogAppender.appending([entry], to: target) else { return nil }
        let lines = checked.texts[file] ?? TextLines([], encoding: encoding)
        let change = Self.difference(lines.bytes, edit.bytes)
        let textEdit = LSP.TextEdit(range: LSP.Range(start: lines.position(of: change.start), end: lines.position(of: change.end)),
                                    newText: change.text)
        guard case .scalar(let type)? = entry.value("type") else { return nil }
        let title = language == .zh ? "在日志中记录 \(type)（\(asOf)）" : "Log the \(type) of \(asOf)"
        let workspaceEdit = target == nil
            ? LSP.WorkspaceEdit(documentChanges: [.create(uri: uri(of: file)), .edit(uri: uri(of: file), edits: [textEdit])])
            : LSP.WorkspaceEdit(changes: [uri(of: file): [textEdit]])
        return LSP.CodeAction(title: title, kind: LSP.CodeAction.quickFix, diagnostics: diagnostic, isPreferred: true, edit: workspaceEdit)
    }

    /// The smallest replacement turning `old` into `new`, on character boundaries.
    static func difference(_ old: [UInt8], _ new: [UInt8]) -> (start: Int, end: Int, text: String) {
        func isContinuation(_ bytes: [UInt8], _ offset: Int) -> Bool { offset < bytes.count && bytes[offset] & 0xC0 == 0x80 }
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        // Back to the start of the character the texts differ in.
        while prefix > 0, isContinuation(old, prefix) || isContinuation(new, prefix) { prefix -= 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix, old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        // The common end starts on a character's first byte (the same in both texts).
        while suffix > 0, isContinuation(old, old.count - suffix) { suffix -= 1 }
        return (prefix, old.count - suffix, String(decoding: new[prefix..<(new.count - suffix)], as: UTF8.self))
    }

    /// `# pmlint-disable-next-line RULE -- ` before the finding's line, the reason for the user
    /// to write (until they do, `suppression-invalid` says it is missing); for a finding on the
    /// whole file, `# pmlint-disable RULE -- ` at its top.
    private func suppressAction(_ reported: ReportedFinding, text: TextLines, diagnostic: [LSP.Diagnostic]) -> LSP.CodeAction {
        let finding = reported.finding
        let wholeFile = finding.path.isEmpty
        let line = wholeFile ? 0 : text.position(of: finding.span.start.offset).line
        let indentation = wholeFile ? "" : String(decoding: text.line(line).prefix { $0 == 32 || $0 == 9 }, as: UTF8.self)
        let newline = text.bytes.contains(13) && text.bytes.contains(10) ? "\r\n" : "\n"
        let comment = indentation + (wholeFile ? "# pmlint-disable " : "# pmlint-disable-next-line ") + finding.rule + " -- " + newline
        let start = LSP.Position(line: line, character: 0)
        let title = language == .zh ? "屏蔽 \(finding.rule)（需写明原因）" : "Suppress \(finding.rule) here, with a reason"
        return LSP.CodeAction(title: title, kind: LSP.CodeAction.quickFix, diagnostics: diagnostic,
                              edit: LSP.WorkspaceEdit(changes: [uri(of: finding.file): [LSP.TextEdit(range: LSP.Range(start: start, end: start), newText: comment)]]))
    }

    mutating func execute(_ params: LSP.ExecuteCommandParams) throws -> String {
        guard params.command == LanguageServer.explainCommand, let rule = params.arguments?.first else {
            throw JSONRPC.ResponseError(.invalidParams, "unknown command \(params.command)")
        }
        guard let plain = explanationText(of: rule) else { throw JSONRPC.ResponseError(.invalidParams, "no rule \(rule)") }
        send(JSONRPC.Notification(method: "window/showMessage", params: LSP.ShowMessageParams(type: 3, message: plain)))
        return RuleExplanation.markdown(plain)
    }

    // MARK: Deadlines

    /// What falls due within `due_within` days, at the end of the line of the item it concerns.
    mutating func inlayHints(_ params: LSP.InlayHintParams) -> [LSP.InlayHint] {
        guard dueWithin > 0, let (path, checked, text) = checked(params.textDocument.uri), let map = checked.map,
              let catalog else { return [] }
        let due: [DueItem]
        if let known = checked.due {
            due = known
        } else {
            var ahead = options(catalog)
            ahead.time.dueWithin = dueWithin
            due = ProjectPipeline(location: checked.location, setup: checked.setup, options: ahead).report(on: map.project).due
            projects[checked.location.plan]?.due = due
        }
        let drift = drifts[path] ?? Drift()
        return due.filter { $0.finding.finding.file == path }.compactMap { item in
            guard let day = item.due, let left = item.daysLeft else { return nil }
            let position = text.position(of: drift.new(item.finding.finding.span.start.offset))
            guard params.range.start.line <= position.line, position.line <= params.range.end.line else { return nil }
            let end = text.endOfLine(position.line)
            let when = language == .zh ? (left == 0 ? "今天" : "\(left) 天后") : (left == 0 ? "today" : "in \(left) day\(left == 1 ? "" : "s")")
            let summary = checked.setup.catalog.rule(item.finding.finding.rule)?.summary[language] ?? item.finding.finding.rule
            return LSP.InlayHint(position: end, label: (language == .zh ? "截止 \(day)（\(when)）：" : "due \(day) (\(when)): ") + summary,
                                 tooltip: LSP.MarkupContent(value: ProjectMap.markdownEscaped(item.finding.finding.message[language])))
        }
    }
}
