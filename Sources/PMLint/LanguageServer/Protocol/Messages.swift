/// The messages of LSP 3.17 that `pmlint lsp` reads and writes, with the fields it uses.
/// Decoding ignores the rest; encoding leaves out what is nil.
enum LSP {
    struct Position: Codable, Hashable, Sendable, Comparable {
        var line: Int
        var character: Int

        static func < (a: Position, b: Position) -> Bool { (a.line, a.character) < (b.line, b.character) }
    }

    struct Range: Codable, Hashable, Sendable {
        var start: Position
        var end: Position

        func contains(_ position: Position) -> Bool { start <= position && position <= end }
        func overlaps(_ other: Range) -> Bool { start <= other.end && other.start <= end }
    }

    struct Location: Codable, Hashable, Sendable {
        var uri: String
        var range: Range
    }

    struct TextDocumentIdentifier: Codable, Sendable {
        var uri: String
    }

    struct TextDocumentItem: Decodable, Sendable {
        var uri: String
        var version: Int?
        var text: String

        enum CodingKeys: String, CodingKey { case uri, version, text }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            uri = try container.decode(String.self, forKey: .uri)
            // Only echoed back with diagnostics: a version that is no Int is left out, never a reason to drop the text.
            version = try? container.decodeIfPresent(Int.self, forKey: .version)
            text = try container.decode(String.self, forKey: .text)
        }
    }

    struct VersionedTextDocumentIdentifier: Decodable, Sendable {
        var uri: String
        var version: Int?

        enum CodingKeys: String, CodingKey { case uri, version }

        init(from decoder: Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            uri = try container.decode(String.self, forKey: .uri)
            version = try? container.decodeIfPresent(Int.self, forKey: .version)
        }
    }

    /// Only the document of a notification, to name it when the rest cannot be read.
    struct SomeDocumentParams: Decodable, Sendable { var textDocument: TextDocumentIdentifier }

    struct TextDocumentPositionParams: Codable, Sendable {
        var textDocument: TextDocumentIdentifier
        var position: Position
    }

    // MARK: Lifecycle

    struct InitializeParams: Decodable, Sendable {
        var initializationOptions: InitializationOptions?
        var capabilities: ClientCapabilities?
        var locale: String?
    }

    /// What the editor's configuration may set, as `check`'s options do.
    struct InitializationOptions: Decodable, Sendable {
        /// `--as-of`: YYYY-MM-DD, default today.
        var asOf: String?
        var lang: String?
        /// `--rules`: folders of extra rule files.
        var rules: [String]?
        var config: String?
        var select: [String]?
        var ignore: [String]?
        /// Milliseconds after the last change before the project is checked again.
        var debounce: Int?
        /// Days ahead that `due` items are shown as inlay hints (0: none).
        var dueWithin: Int?
        /// A link to each rule's page, with `{rule}` for its id.
        var rulesURL: String?

        enum CodingKeys: String, CodingKey {
            case asOf = "as_of", lang, rules, config, select, ignore, debounce, dueWithin = "due_within", rulesURL = "rules_url"
        }
    }

    struct ClientCapabilities: Decodable, Sendable {
        struct General: Decodable, Sendable { var positionEncodings: [String]? }
        struct TextDocument: Decodable, Sendable {
            struct Completion: Decodable, Sendable {
                struct Item: Decodable, Sendable { var snippetSupport: Bool? }
                var completionItem: Item?
            }
            var completion: Completion?
        }
        struct Workspace: Decodable, Sendable {
            struct WorkspaceEdit: Decodable, Sendable {
                var documentChanges: Bool?
                var resourceOperations: [String]?
            }
            var workspaceEdit: WorkspaceEdit?
        }
        var general: General?
        var textDocument: TextDocument?
        var workspace: Workspace?
    }

    struct InitializeResult: Encodable, Sendable {
        var capabilities: ServerCapabilities
        var serverInfo: ServerInfo
    }

    struct ServerInfo: Encodable, Sendable {
        var name: String
        var version: String
    }

    struct ServerCapabilities: Encodable, Sendable {
        struct Sync: Encodable, Sendable {
            var openClose = true
            /// 2: incremental.
            var change = 2
            var save = SaveOptions()
        }
        struct SaveOptions: Encodable, Sendable { var includeText = false }
        struct CompletionOptions: Encodable, Sendable {
            var triggerCharacters: [String]
            var resolveProvider = false
        }
        struct CodeActionOptions: Encodable, Sendable {
            var codeActionKinds: [String]
            var resolveProvider = false
        }
        struct ExecuteCommandOptions: Encodable, Sendable { var commands: [String] }

        var positionEncoding: String
        var textDocumentSync = Sync()
        var hoverProvider = true
        var definitionProvider = true
        var referencesProvider = true
        var documentSymbolProvider = true
        var inlayHintProvider = true
        var completionProvider = CompletionOptions(triggerCharacters: [" ", "[", ",", ":", "-"])
        var codeActionProvider = CodeActionOptions(codeActionKinds: [CodeAction.quickFix, CodeAction.explain])
        var executeCommandProvider = ExecuteCommandOptions(commands: [LanguageServer.explainCommand])
    }

    // MARK: Documents

    struct DidOpenParams: Decodable, Sendable { var textDocument: TextDocumentItem }

    struct DidChangeParams: Decodable, Sendable {
        struct Change: Decodable, Sendable {
            /// Absent: the whole text.
            var range: Range?
            var text: String
        }
        var textDocument: VersionedTextDocumentIdentifier
        var contentChanges: [Change]
    }

    struct DidCloseParams: Decodable, Sendable { var textDocument: TextDocumentIdentifier }
    struct DidSaveParams: Decodable, Sendable { var textDocument: TextDocumentIdentifier }

    // MARK: Diagnostics

    struct Diagnostic: Codable, Sendable {
        struct CodeDescription: Codable, Sendable { var href: String }
        struct RelatedInformation: Codable, Sendable {
            var location: Location
            var message: String
        }
        /// Sent with each diagnostic and returned in code action requests.
        struct Data: Codable, Sendable {
            var fingerprint: String
        }
        var range: Range
        /// 1 error, 2 warning, 3 information, 4 hint.
        var severity: Int
        var code: String
        var codeDescription: CodeDescription?
        var source = "pmlint"
        var message: String
        /// 1: unnecessary (shown faded).
        var tags: [Int]?
        var relatedInformation: [RelatedInformation]?
        var data: Data?
    }

    struct PublishDiagnosticsParams: Encodable, Sendable {
        var uri: String
        var version: Int?
        var diagnostics: [Diagnostic]
    }

    struct ShowMessageParams: Encodable, Sendable {
        /// 1 error, 2 warning, 3 info, 4 log.
        var type: Int
        var message: String
    }

    // MARK: Code actions

    struct CodeActionParams: Decodable, Sendable {
        struct Context: Decodable, Sendable {
            /// The editor's diagnostics under the cursor, other tools' included: only pmlint's
            /// fingerprint is read from them, and one that cannot be read is no error.
            var diagnostics: [ContextDiagnostic]
            var only: [String]?
        }
        struct ContextDiagnostic: Decodable, Sendable {
            var fingerprint: String?

            init(from decoder: Decoder) throws {
                let data = try? decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(Diagnostic.Data.self, forKey: .data)
                fingerprint = (data ?? nil)?.fingerprint
            }

            enum CodingKeys: String, CodingKey { case data }
        }
        var textDocument: TextDocumentIdentifier
        var range: Range
        var context: Context
    }

    struct TextEdit: Codable, Sendable, Equatable {
        var range: Range
        var newText: String
    }

    struct WorkspaceEdit: Encodable, Sendable {
        /// Edits of files that exist.
        var changes: [String: [TextEdit]]?
        /// A file to create, then its text: for a project's first log.yaml.
        var documentChanges: [DocumentChange]?
    }

    enum DocumentChange: Encodable, Sendable {
        case create(uri: String)
        case edit(uri: String, edits: [TextEdit])

        enum CodingKeys: String, CodingKey { case kind, uri, options, textDocument, edits }
        struct Options: Encodable { var ignoreIfExists = true }
        struct Document: Encodable {
            var uri: String
            var version: Int?

            func encode(to encoder: Encoder) throws {
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(uri, forKey: .uri)
                try container.encode(version, forKey: .version)
            }
            enum CodingKeys: String, CodingKey { case uri, version }
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            switch self {
            case .create(let uri):
                try container.encode("create", forKey: .kind)
                try container.encode(uri, forKey: .uri)
                try container.encode(Options(), forKey: .options)
            case .edit(let uri, let edits):
                try container.encode(Document(uri: uri, version: nil), forKey: .textDocument)
                try container.encode(edits, forKey: .edits)
            }
        }
    }

    struct Command: Codable, Sendable {
        var title: String
        var command: String
        var arguments: [String]?
    }

    struct CodeAction: Encodable, Sendable {
        static let quickFix = "quickfix"
        /// Opens the rule's explanation: no edit.
        static let explain = "quickfix.explain"

        var title: String
        var kind: String
        var diagnostics: [Diagnostic]?
        var isPreferred: Bool?
        var edit: WorkspaceEdit?
        var command: Command?
    }

    struct ExecuteCommandParams: Decodable, Sendable {
        var command: String
        var arguments: [String]?
    }

    // MARK: Navigation

    struct MarkupContent: Encodable, Sendable {
        var kind = "markdown"
        var value: String
    }

    struct Hover: Encodable, Sendable {
        var contents: MarkupContent
        var range: Range?
    }

    struct ReferenceParams: Decodable, Sendable {
        struct Context: Decodable, Sendable { var includeDeclaration: Bool }
        var textDocument: TextDocumentIdentifier
        var position: Position
        var context: Context?
    }

    struct DocumentSymbolParams: Decodable, Sendable { var textDocument: TextDocumentIdentifier }

    struct DocumentSymbol: Encodable, Sendable {
        var name: String
        var detail: String?
        /// 2 module, 3 namespace, 13 variable, 14 constant, 20 key, 23 struct, 24 event...
        var kind: Int
        var range: Range
        var selectionRange: Range
        var children: [DocumentSymbol]?
    }

    struct InlayHintParams: Decodable, Sendable {
        var textDocument: TextDocumentIdentifier
        var range: Range
    }

    struct InlayHint: Encodable, Sendable {
        var position: Position
        var label: String
        var tooltip: MarkupContent?
        var paddingLeft = true
    }

    // MARK: Completion

    struct CompletionParams: Decodable, Sendable {
        var textDocument: TextDocumentIdentifier
        var position: Position
    }

    struct CompletionItem: Encodable, Sendable {
        var label: String
        /// 12 value, 13 enum, 15 snippet, 18 reference, 20 enum member.
        var kind: Int
        var detail: String?
        var documentation: MarkupContent?
        var sortText: String?
        var filterText: String?
        /// 1 plain text, 2 snippet.
        var insertTextFormat: Int?
        var textEdit: TextEdit?
    }

    struct CompletionList: Encodable, Sendable {
        var isIncomplete = false
        var items: [CompletionItem]
    }
}
