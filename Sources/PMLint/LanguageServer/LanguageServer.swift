#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Dispatch
import Synchronization

/// `pmlint lsp`: the Language Server Protocol over standard input and output. One thread reads
/// frames; the main loop handles each message in order and re-checks a project once its
/// documents have been quiet for the debounce.
public enum LanguageServer {
    static let explainCommand = "pmlint.explain"

    /// Serves until the client says `exit` or closes standard input; the process's exit code.
    /// `today` is asked at every check, so a server left running overnight checks as of the new day.
    public static func run(limits: YAMLLimits, access: FileAccess, language: Language, today: @escaping @Sendable () -> Day) -> Int32 {
        Platform.ignoreBrokenPipes()
        let inbox = Inbox()
        let maxBody = limits.maxFileSize * 2 + (1 << 20)
        DispatchQueue(label: "pmlint.lsp.input").async {
            var reader = FrameReader(maxBody: maxBody)
            while let bytes = Platform.readStandardInput() {
                reader.append(bytes)
                while let frame = reader.next() { inbox.put(.frame(frame)) }
            }
            inbox.put(.closed)
        }
        var server = Server(limits: limits, access: access, language: language, today: today)
        while true {
            switch inbox.take(until: server.nextDeadline) {
            case .frame(.message(let bytes))?:
                if let code = server.handle(bytes) { return code }
            case .frame(.malformed(let reason))?:
                server.send(JSONRPC.ErrorResponse(id: nil, error: .init(.parseError, "not a JSON-RPC frame: \(reason)")))
            case .closed?:
                return server.shutdownRequested ? 0 : 1
            case nil:
                server.checkWhatIsDue()
            }
            if server.outputClosed { return 1 }
        }
    }
}

/// What the reading thread hands the main loop, in order.
private final class Inbox: Sendable {
    enum Event: Sendable {
        case frame(FrameReader.Frame)
        case closed
    }

    private let events = Mutex<[Event]>([])
    private let arrived = DispatchSemaphore(value: 0)

    func put(_ event: Event) {
        events.withLock { $0.append(event) }
        arrived.signal()
    }

    /// The next event, or nil when `deadline` (uptime nanoseconds) passes first.
    func take(until deadline: UInt64?) -> Event? {
        if let deadline {
            guard arrived.wait(timeout: DispatchTime(uptimeNanoseconds: deadline)) == .success else { return nil }
        } else {
            arrived.wait()
        }
        return events.withLock { $0.removeFirst() }
    }
}


/// The server's state: the open documents, and each project as last checked.
struct Server {
    struct Document {
        var uri: String
        var version: Int?
        var text: TextLines
    }

    /// A project as last checked: its report, and its map while its files could be read.
    struct Checked {
        var location: ProjectLocation
        var setup: ProjectSetup
        var report: ProjectReport
        /// The last readable state of the project (kept while the text is broken mid-edit).
        var map: ProjectMap?
        /// The texts checked, by path, for positions.
        var texts: [String: TextLines]
        /// The map was read from `texts` (the project could be read as it is now).
        var fresh: Bool
        var due: [DueItem]?

        /// The map, when it is of the texts checked.
        var freshMap: ProjectMap? { fresh ? map : nil }
    }

    /// The edits of a file since its project's map was read, to carry the map's offsets into
    /// the text as it is now (while the text is broken, the map is the last one that could be read).
    struct Drift {
        /// One replaced stretch: `start..<oldEnd` of the text before became `start..<newEnd`.
        struct Step {
            var start: Int, oldEnd: Int, newEnd: Int
        }

        var steps: [Step] = []

        /// An offset of the text now in the map's text; nil inside what was typed since.
        func old(_ offset: Int) -> Int? {
            var offset = offset
            for step in steps.reversed() {
                if offset >= step.newEnd {
                    offset += step.oldEnd - step.newEnd
                } else if offset > step.start || (offset == step.start && step.newEnd > step.start) {
                    return nil
                }
            }
            return offset
        }

        /// An offset of the map's text in the text now; the start of an edit that replaced it.
        func new(_ offset: Int) -> Int {
            var offset = offset
            for step in steps {
                if offset >= step.oldEnd {
                    offset += step.newEnd - step.oldEnd
                } else if offset > step.start {
                    offset = step.start
                }
            }
            return offset
        }
    }

    let limits: YAMLLimits
    let access: FileAccess
    var language: Language
    var initialized = false
    var shutdownRequested = false
    var outputClosed = false
    var encoding = TextLines.Encoding.utf16
    var snippets = false
    /// `as_of` when the editor sets it, else today, asked at every check.
    var fixedAsOf: Day?
    let today: @Sendable () -> Day
    var asOf: Day { fixedAsOf ?? today() }
    var catalog: RuleCatalog?
    /// A new log entry of each type, from the catalog's fixes, for completion.
    var skeletons: [(type: String, entry: LogEntryDraft)] = []
    var selection = RuleSelection()
    var configFile: String?
    var debounce: UInt64 = 200_000_000
    var dueWithin = 14
    var rulesURL: String?
    var documents: [String: Document] = [:]
    var projects: [String: Checked] = [:]
    /// Per file, the edits since its project's map was read.
    var drifts: [String: Drift] = [:]
    /// Plan paths to check again, with when.
    var pending: [String: UInt64] = [:]
    var setups: [String: ProjectSetup] = [:]
    /// Errors shown to the user already (a broken configuration), each shown once.
    var shownErrors: Set<String> = []
    /// Whether the client can create a file in a workspace edit (the first log.yaml).
    var canCreateFiles = false

    init(limits: YAMLLimits, access: FileAccess, language: Language, today: @escaping @Sendable () -> Day) {
        self.today = today
        self.limits = limits
        self.access = access
        self.language = language
    }

    var nextDeadline: UInt64? { pending.values.min() }

    // MARK: Messages

    /// Handles one message; the exit code once the client says `exit`.
    mutating func handle(_ bytes: [UInt8]) -> Int32? {
        let data = Data(bytes)
        guard let envelope = try? JSONDecoder().decode(JSONRPC.Envelope.self, from: data) else {
            if (try? JSONDecoder().decode(JSONRPC.AnyJSON.self, from: data)) != nil {
                send(JSONRPC.ErrorResponse(id: nil, error: .init(.invalidRequest, "a message must be a JSON object")))
            } else {
                send(JSONRPC.ErrorResponse(id: nil, error: .init(.parseError, "the message is not JSON")))
            }
            return nil
        }
        if envelope.hasID && envelope.id == nil && envelope.method != nil {
            send(JSONRPC.ErrorResponse(id: nil, error: .init(.invalidRequest, "a request's id must be a whole number or a string")))
            return nil
        }
        guard let method = envelope.method else {
            // A response to a request pmlint never sends, or nonsense.
            if !(envelope.hasResult || envelope.hasError) {
                send(JSONRPC.ErrorResponse(id: envelope.id, error: .init(.invalidRequest, "a message needs a method")))
            }
            return nil
        }
        let id = envelope.id
        guard envelope.jsonrpc == "2.0" else {
            if id != nil { send(JSONRPC.ErrorResponse(id: id, error: .init(.invalidRequest, "jsonrpc must be \"2.0\""))) }
            return nil
        }
        if method == "exit" { return shutdownRequested ? 0 : 1 }
        guard let id else {
            notification(method, data)
            return nil
        }
        if !initialized && method != "initialize" {
            send(JSONRPC.ErrorResponse(id: id, error: .init(.serverNotInitialized, "initialize first")))
            return nil
        }
        if shutdownRequested {
            send(JSONRPC.ErrorResponse(id: id, error: .init(.invalidRequest, "the server is shutting down")))
            return nil
        }
        do {
            try request(method, id: id, data)
        } catch let error as JSONRPC.ResponseError {
            send(JSONRPC.ErrorResponse(id: id, error: error))
        } catch {
            send(JSONRPC.ErrorResponse(id: id, error: .init(.invalidParams, "invalid params for \(method): \(Self.describe(error))")))
        }
        return nil
    }

    private mutating func request(_ method: String, id: JSONRPC.RequestID, _ data: Data) throws {
        func params<P: Decodable>(_ type: P.Type) throws -> P { try JSONDecoder().decode(JSONRPC.Params<P>.self, from: data).params }
        func reply(_ result: some Encodable) { send(JSONRPC.Response(id: id, result: result)) }
        switch method {
        case "initialize":
            guard !initialized else { throw JSONRPC.ResponseError(.invalidRequest, "initialize was sent twice") }
            reply(try initialize(params(LSP.InitializeParams.self)))
            initialized = true
        case "shutdown":
            shutdownRequested = true
            reply(JSONNull())
        case "textDocument/hover": reply(hover(try params(LSP.TextDocumentPositionParams.self)))
        case "textDocument/definition": reply(definition(try params(LSP.TextDocumentPositionParams.self)))
        case "textDocument/references": reply(references(try params(LSP.ReferenceParams.self)))
        case "textDocument/documentSymbol": reply(symbols(try params(LSP.DocumentSymbolParams.self)))
        case "textDocument/completion": reply(completion(try params(LSP.CompletionParams.self)))
        case "textDocument/codeAction": reply(codeActions(try params(LSP.CodeActionParams.self)))
        case "textDocument/inlayHint": reply(inlayHints(try params(LSP.InlayHintParams.self)))
        case "workspace/executeCommand": reply(try execute(params(LSP.ExecuteCommandParams.self)))
        default:
            throw JSONRPC.ResponseError(.methodNotFound, "pmlint does not handle \(method)")
        }
    }

    private mutating func notification(_ method: String, _ data: Data) {
        func params<P: Decodable>(_ type: P.Type) -> P? { try? JSONDecoder().decode(JSONRPC.Params<P>.self, from: data).params }
        guard initialized else { return }
        switch method {
        case "textDocument/didOpen":
            guard let open = params(LSP.DidOpenParams.self) else { return lostTrack(data, of: method) }
            guard let path = Self.path(of: open.textDocument.uri) else { return }
            documents[path] = Document(uri: open.textDocument.uri, version: open.textDocument.version,
                                       text: TextLines(Array(open.textDocument.text.utf8), encoding: encoding))
            drifts[path] = nil
            if let plan = planPath(for: path) { check(plan) }
        case "textDocument/didChange":
            guard let change = params(LSP.DidChangeParams.self) else { return lostTrack(data, of: method) }
            guard let path = Self.path(of: change.textDocument.uri), var document = documents[path] else { return }
            // Edits are remembered only for a project's files, until its next readable check.
            let plan = planPath(for: path)
            var drift = drifts[path] ?? Drift()
            for edit in change.contentChanges {
                let new = Array(edit.text.utf8)
                if let range = edit.range {
                    let start = document.text.offset(of: range.start), end = max(start, document.text.offset(of: range.end))
                    document.text.replace(start..<end, with: new)
                    drift.steps.append(.init(start: start, oldEnd: end, newEnd: start + new.count))
                } else {
                    let change = Self.difference(document.text.bytes, new)
                    drift.steps.append(.init(start: change.start, oldEnd: change.end, newEnd: change.start + change.text.utf8.count))
                    document.text = TextLines(new, encoding: encoding)
                }
            }
            document.version = change.textDocument.version
            documents[path] = document
            if let plan {
                drifts[path] = drift
                pending[plan] = DispatchTime.now().uptimeNanoseconds + debounce
            }
        case "textDocument/didSave":
            // A saved configuration applies to every project from now on.
            guard let save = params(LSP.DidSaveParams.self), let path = Self.path(of: save.textDocument.uri),
                  Configuration.names.contains(Platform.lastPathComponent(path)) else { return }
            setups = [:]
            for plan in projects.keys.sorted() { check(plan) }
        case "textDocument/didClose":
            guard let close = params(LSP.DidCloseParams.self), let path = Self.path(of: close.textDocument.uri) else { return }
            documents[path] = nil
            drifts[path] = nil
            guard let plan = planPath(for: path) ?? projects.first(where: { $0.value.texts[path] != nil })?.key else { return }
            if let checked = projects[plan], checked.texts.keys.contains(where: { documents[$0] != nil }) {
                check(plan)
            } else if let checked = projects[plan] {
                // No file of the project is open: its diagnostics go with it.
                for file in checked.texts.keys { publish([], for: file) }
                projects[plan] = nil
                pending[plan] = nil
            }
        default:
            break
        }
    }

    /// A document's open or change that cannot be read: pmlint no longer knows its text, so it
    /// forgets the document (its diagnostics cleared) and says so, rather than check a text the
    /// editor does not show.
    private mutating func lostTrack(_ data: Data, of method: String) {
        guard let uri = (try? JSONDecoder().decode(JSONRPC.Params<LSP.SomeDocumentParams>.self, from: data))?.params.textDocument.uri,
              let path = Self.path(of: uri) else { return }
        documents[path] = nil
        publish([], for: path)
        let message = "pmlint: \(method) of \(Platform.lastPathComponent(path)) could not be read; close the file and open it again"
        send(JSONRPC.Notification(method: "window/showMessage", params: LSP.ShowMessageParams(type: 2, message: message)))
    }

    private mutating func initialize(_ params: LSP.InitializeParams) throws -> LSP.InitializeResult {
        let offered = params.capabilities?.general?.positionEncodings ?? []
        encoding = offered.contains("utf-8") ? .utf8 : offered.contains("utf-32") ? .utf32 : .utf16
        snippets = params.capabilities?.textDocument?.completion?.completionItem?.snippetSupport ?? false
        let workspaceEdit = params.capabilities?.workspace?.workspaceEdit
        canCreateFiles = workspaceEdit?.documentChanges == true && workspaceEdit?.resourceOperations?.contains("create") == true
        if let locale = params.locale, locale.lowercased().hasPrefix("zh") { language = .zh }
        let options = params.initializationOptions
        if let lang = options?.lang {
            guard let chosen = Language(rawValue: lang) else { throw JSONRPC.ResponseError(.invalidParams, "lang must be en or zh") }
            language = chosen
        }
        if let text = options?.asOf {
            guard let day = Day(parsing: text) else { throw JSONRPC.ResponseError(.invalidParams, "as_of must be a date, YYYY-MM-DD") }
            fixedAsOf = day
        }
        if let debounce = options?.debounce { self.debounce = UInt64(max(0, min(debounce, 10_000))) * 1_000_000 }
        if let days = options?.dueWithin { dueWithin = max(0, min(days, 366)) }
        rulesURL = options?.rulesURL
        selection = RuleSelection(select: options?.select ?? [], ignore: options?.ignore ?? [])
        configFile = options?.config
        do {
            var catalog = try RuleCatalog.builtIn()
            for folder in options?.rules ?? [] { try catalog.addFolder(folder, access: access) }
            self.catalog = catalog
            skeletons = SuggestedEntry.skeletons(catalog: catalog.rules)
        } catch {
            throw JSONRPC.ResponseError(.requestFailed, "the rules cannot be loaded: \(Self.describe(error))")
        }
        return LSP.InitializeResult(capabilities: LSP.ServerCapabilities(positionEncoding: encoding.rawValue),
                                    serverInfo: LSP.ServerInfo(name: "pmlint", version: Version.number))
    }

    // MARK: Checking

    /// The plan of the project a plan or log file belongs to: beside it, open or on disk.
    func planPath(for path: String) -> String? {
        let name = Platform.lastPathComponent(path)
        if Discovery.planNames.contains(name) { return path }
        guard Discovery.logNames.contains(name) else { return nil }
        let folder = Platform.deletingLastPathComponent(path)
        for candidate in Discovery.planNames.map({ Platform.appendingPathComponent(folder, $0) })
        where documents[candidate] != nil || Platform.target(at: candidate) == .regular {
            return candidate
        }
        return nil
    }

    /// Checks the projects whose debounce has passed.
    mutating func checkWhatIsDue() {
        let now = DispatchTime.now().uptimeNanoseconds
        for (plan, deadline) in pending where deadline <= now { check(plan) }
    }

    /// A project's pending check, run now: before answering about a document of it.
    mutating func settle(_ path: String) {
        if let plan = planPath(for: path), pending[plan] != nil { check(plan) }
    }

    private mutating func setup(for folder: String) throws -> ProjectSetup {
        let file = configFile ?? Configuration.find(from: folder) ?? ""
        if let known = setups[file] { return known }
        guard let catalog else { throw UsageError("not initialized") }
        let setup = try ProjectSetup(configFile: file, options: options(catalog))
        setups[file] = setup
        return setup
    }

    func options(_ catalog: RuleCatalog) -> CheckOptions {
        var options = CheckOptions(paths: [], asOf: asOf, catalog: catalog, selection: selection, configFile: configFile)
        options.limits = limits
        options.access = access
        return options
    }

    /// Text of a project file: the editor's, else the disk's; nil when there is none.
    private func text(of path: String, root: String) throws -> TextLines? {
        if let document = documents[path] { return document.text }
        guard Platform.target(at: path) != .none else { return nil }
        return TextLines(try access.read(path, root: root), encoding: encoding)
    }

    /// Reads and checks a project from the editor's texts and publishes its diagnostics.
    mutating func check(_ plan: String) {
        pending[plan] = nil
        guard let catalog else { return }
        let folder = Platform.deletingLastPathComponent(plan)
        let logPath = Discovery.logNames.map { Platform.appendingPathComponent(folder, $0) }
            .first { documents[$0] != nil || Platform.target(at: $0) == .regular }
        let location = ProjectLocation(path: folder, plan: plan, log: logPath,
                                       root: FileAccess.repositoryRoot(of: folder, fallback: folder))
        let asOf = self.asOf
        let project: Project
        let setup: ProjectSetup
        var texts: [String: TextLines] = [:]
        do {
            setup = try self.setup(for: folder)
            guard let planText = try text(of: plan, root: location.root) else { return }
            texts[plan] = planText
            let logText = try logPath.flatMap { try text(of: $0, root: location.root) }
            if let logPath, let logText { texts[logPath] = logText }
            project = Project(location: location,
                              planFile: SourceFile(path: plan, bytes: planText.bytes, limits: limits),
                              logFile: logPath.flatMap { path in logText.map { SourceFile(path: path, bytes: $0.bytes, limits: limits) } },
                              asOf: asOf)
        } catch {
            let message = "pmlint: \(Self.describe(error))"
            if shownErrors.insert(message).inserted { send(JSONRPC.Notification(method: "window/showMessage", params: LSP.ShowMessageParams(type: 1, message: message))) }
            return
        }
        let report = ProjectPipeline(location: location, setup: setup, options: options(catalog)).report(on: project)
        let previous = projects[plan]
        let map = project.isBroken ? previous?.map : ProjectMap(project: project)
        if !project.isBroken {
            for file in texts.keys { drifts[file] = nil }
        }
        let checked = Checked(location: location, setup: setup, report: report, map: map, texts: texts, fresh: !project.isBroken)
        projects[plan] = checked
        for file in Set(texts.keys).union(previous?.texts.keys ?? [:].keys) {
            guard let lines = texts[file] else {
                publish([], for: file)
                continue
            }
            publish(report.findings.filter { $0.finding.file == file }.map {
                diagnostic($0, lines: lines, texts: texts, map: checked.freshMap)
            }, for: file)
        }
    }

    private mutating func publish(_ diagnostics: [LSP.Diagnostic], for path: String) {
        let document = documents[path]
        send(JSONRPC.Notification(method: "textDocument/publishDiagnostics",
                                  params: LSP.PublishDiagnosticsParams(uri: document?.uri ?? Self.uri(of: path),
                                                                       version: document?.version, diagnostics: diagnostics)))
    }

    /// A finding as the editor shows it; `lines` is the text of the finding's file, `texts` those of
    /// the project's files, for related items, which `map` (read from those texts) finds.
    func diagnostic(_ reported: ReportedFinding, lines: TextLines, texts: [String: TextLines], map: ProjectMap?) -> LSP.Diagnostic {
        let finding = reported.finding
        var message = finding.message[language]
        if let fix = finding.fix { message += "\n" + (language == .zh ? "修复：" : "fix: ") + fix[language] }
        // The items the finding's item follows up, and those its message names (a milestone, a
        // stakeholder, an earlier report): where to look when acting on it.
        var related: [LSP.Diagnostic.RelatedInformation] = []
        if let map {
            let own = map.item(at: finding.path)
            var named = own?.refs("re").map(\.id) ?? []
            named += finding.message.en.split { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }.map(String.init)
            var seen: Set<String> = own?.id.map { [$0] } ?? []
            for id in named where seen.insert(id).inserted {
                guard let target = map.project.items[id], let targetLines = texts[target.source.path] else { continue }
                related.append(.init(location: LSP.Location(uri: uri(of: target.source.path), range: targetLines.range(target.source.span(target.node))),
                                     message: "\(target.shape.name) \(id): \(ProjectMap.title(of: target))"))
            }
        }
        // An item's finding is marked on its first line, not across the whole entry.
        var range = lines.range(finding.span)
        if range.end.line > range.start.line { range.end = lines.endOfLine(range.start.line) }
        return LSP.Diagnostic(
            range: range, severity: finding.severity.lspSeverity, code: finding.rule,
            codeDescription: rulesURL.map { .init(href: $0.replacingAll("{rule}", with: finding.rule)) },
            message: message, tags: finding.rule == DocumentRule.suppressionUnused.rawValue ? [1] : nil,
            relatedInformation: related.isEmpty ? nil : related, data: .init(fingerprint: reported.fingerprint))
    }

    // MARK: Output

    mutating func send(_ message: some Encodable) {
        guard !outputClosed else { return }
        if !Platform.writeStandardOutput(JSONRPC.frame(message)) { outputClosed = true }
    }

    /// The client's URI for an open document, else the file's own.
    func uri(of path: String) -> String { documents[path]?.uri ?? Self.uri(of: path) }

    static func uri(of path: String) -> String { "file://" + Platform.percentEncodedPath(path) }

    /// The path of a `file:` URI; nil for any other scheme.
    static func path(of uri: String) -> String? {
        guard uri.hasPrefix("file://") else { return nil }
        var rest = uri.dropFirst("file://".count)
        // `file://localhost/path` and `file:///path`.
        if !rest.hasPrefix("/") {
            guard let slash = rest.firstIndex(of: "/"), rest[..<slash] == "localhost" else { return nil }
            rest = rest[slash...]
        }
        var bytes: [UInt8] = []
        var utf8 = Array(rest.utf8)[...]
        while let byte = utf8.popFirst() {
            if byte == UInt8(ascii: "%"), utf8.count >= 2,
               let value = UInt8(String(decoding: utf8.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        guard !bytes.contains(0), let path = String(validating: bytes, as: UTF8.self) else { return nil }
        return Platform.standardizingPath(path)
    }

    static func describe(_ error: Error) -> String {
        if let usage = error as? UsageError { return usage.description }
        if let located = error as? LocatedError { return located.description }
        if let decoding = error as? DecodingError {
            switch decoding {
            case .keyNotFound(let key, let context): return "missing \(context.codingPath.map(\.stringValue).joined(separator: "."))\(context.codingPath.isEmpty ? "" : ".")\(key.stringValue)"
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                let path = context.codingPath.map(\.stringValue).joined(separator: ".")
                return path.isEmpty ? "a value of the wrong type" : "a value of the wrong type at \(path)"
            @unknown default: return "unreadable"
            }
        }
        return String(describing: error)
    }
}

/// JSON's null, for results that are empty.
struct JSONNull: Encodable {
    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}

extension Severity {
    var lspSeverity: Int {
        switch self {
        case .error: return 1
        case .warning: return 2
        case .info: return 3
        }
    }
}
