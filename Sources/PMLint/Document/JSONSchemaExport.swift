/// The formats as JSON Schema (draft 2020-12), generated from the shapes pmlint reads them
/// with, for editors (yaml-language-server) to validate and complete plan and log files, a
/// team's rule files and `.pmlint.yml`.
public enum JSONSchemaExport {
    public enum Document: String, CaseIterable, Sendable {
        case plan, log, rule, config
    }

    public static func render(_ document: Document) -> String {
        let root: Shape
        let title: String
        switch document {
        case .plan: (root, title) = (Schema.plan, "pmlint project plan (plan.yaml)")
        case .log: (root, title) = (Schema.logFile, "pmlint communication log (log.yaml)")
        case .rule: (root, title) = (RuleSchema.rule, "pmlint rule file (a team's rules/*.yaml)")
        case .config: (root, title) = (Configuration.shape, "pmlint configuration (.pmlint.yml)")
        }
        var definitions: [(String, JSON)] = []
        var seen = Set<String>()
        collect(root, into: &definitions, seen: &seen)
        var pairs: [(String, JSON)] = [
            ("$schema", .string("https://json-schema.org/draft/2020-12/schema")),
            ("title", .string(title)),
        ]
        if case .object(let body) = object(for: root) { pairs += body }
        pairs.append(("$defs", .object(definitions.sorted { $0.0 < $1.0 })))
        return JSON.object(pairs).rendered() + "\n"
    }

    static func name(_ shape: Shape) -> String { shape.name.replacingAll(" ", with: "-") }

    private static func collect(_ shape: Shape, into definitions: inout [(String, JSON)], seen: inout Set<String>) {
        guard seen.insert(name(shape)).inserted else { return }
        definitions.append((name(shape), object(for: shape)))
        for field in shape.fields {
            switch field.type {
            case .mapping(let child), .list(let child): collect(child, into: &definitions, seen: &seen)
            default: break
            }
        }
    }

    private static func object(for shape: Shape) -> JSON {
        var properties: [(String, JSON)] = []
        for field in shape.fields {
            var schema = type(field.type)
            // An optional field left empty (`done_on:`) counts as absent.
            if !field.required { schema = .object([("anyOf", .array([schema, .object([("type", .string("null"))])]))]) }
            if case .object(var pairs) = schema {
                pairs.append(("description", .string(field.doc)))
                if let value = field.defaultValue { pairs.append(("default", .string(value))) }
                schema = .object(pairs)
            }
            properties.append((field.key, schema))
        }
        var pairs: [(String, JSON)] = [
            ("type", .string("object")),
            ("description", .string("A \(shape.name).")),
            ("properties", .object(properties)),
            // Keys starting with x- are the user's own; anything else is unknown.
            ("patternProperties", .object([("^x-", .object([]))])),
            ("additionalProperties", .bool(false)),
        ]
        let required = shape.fields.filter(\.required).map { JSON.string($0.key) }
        if !required.isEmpty { pairs.append(("required", .array(required))) }
        let conditional = shape.fields.compactMap { field in field.requiredWhen.map { (field.key, $0) } }
        if !conditional.isEmpty {
            pairs.append(("allOf", .array(conditional.map { key, condition in
                .object([
                    ("if", .object([("properties", .object([(condition.key, .object([("const", .string(condition.value))]))])),
                                    ("required", .array([.string(condition.key)]))])),
                    ("then", .object([("required", .array([.string(key)]))])),
                ])
            })))
        }
        return .object(pairs)
    }

    static let datePattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?(Z|[+-][0-9]{2}:[0-9]{2})?)?$"
    static let datesPattern = "^[0-9]{4}-[0-9]{2}-[0-9]{2}(\\.\\.[0-9]{4}-[0-9]{2}-[0-9]{2})?$"
    static let durationPattern = "^([0-9]{1,6}(d|w|mo|wd)|daily|weekly|biweekly|monthly|quarterly)$"
    static let idPattern = "^[A-Za-z0-9][A-Za-z0-9._-]*$"

    private static func type(_ type: FieldType) -> JSON {
        // pmlint reads any scalar as text: `name: 2026` is the text "2026".
        let scalar = JSON.object([("type", .array([.string("string"), .string("number"), .string("boolean")]))])
        let id = JSON.object([("type", .array([.string("string"), .string("integer")])), ("pattern", .string(idPattern))])
        switch type {
        case .text: return scalar
        case .texts:
            return .object([("oneOf", .array([scalar, .object([("type", .string("array")), ("items", scalar)])]))])
        case .date: return .object([("type", .string("string")), ("pattern", .string(datePattern)), ("format", .string("date"))])
        case .dates:
            let day = JSON.object([("type", .string("string")), ("pattern", .string(datesPattern))])
            return .object([("oneOf", .array([day, .object([("type", .string("array")), ("items", day)])]))])
        case .duration: return .object([("type", .string("string")), ("pattern", .string(durationPattern))])
        case .integer(let range): return .object([("type", .string("integer")), ("minimum", .int(range.lowerBound)), ("maximum", .int(range.upperBound))])
        case .number: return .object([("type", .string("number"))])
        case .choice(let words):
            // `linked: true` is a boolean to YAML and to editors; pmlint reads its words.
            let booleans = words.compactMap { $0 == "true" ? JSON.bool(true) : $0 == "false" ? JSON.bool(false) : nil }
            return .object([("enum", .array(words.map { .string($0) } + booleans))])
        case .identifier, .person: return id
        case .people, .items: return .object([("oneOf", .array([id, .object([("type", .string("array")), ("items", id)])]))])
        case .mapping(let shape): return .object([("$ref", .string("#/$defs/\(name(shape))"))])
        case .list(let shape):
            return .object([("type", .array([.string("array"), .string("null")])), ("items", .object([("$ref", .string("#/$defs/\(name(shape))"))]))])
        case .any: return .object([])
        }
    }
}
