import Foundation
import Testing
@testable import PMLint

/// The JSON Schema export, checked by an independent validator (python3's jsonschema, with
/// PyYAML reading the files the way yaml-language-server does: dates stay strings, `on` is a key).
@Suite("JSON Schema export")
struct SchemaExportTests {
    static let validator = """
    import glob, json, sys, yaml, jsonschema
    class Loader(yaml.SafeLoader): pass
    # YAML 1.2, as yaml-language-server reads it: dates stay strings, and `on:` is a key, not True.
    Loader.yaml_implicit_resolvers = {k: [r for r in v if r[0] not in ('tag:yaml.org,2002:timestamp', 'tag:yaml.org,2002:bool')]
                                      for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
    plan = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
    log = jsonschema.Draft202012Validator(json.load(open(sys.argv[2])))
    rule = jsonschema.Draft202012Validator(json.load(open(sys.argv[3])))
    config = jsonschema.Draft202012Validator(json.load(open(sys.argv[4])))
    for validator in (plan, log, rule, config): jsonschema.Draft202012Validator.check_schema(validator.schema)
    checked = 0
    def expect(validator, document, valid, name):
        global checked
        errors = list(validator.iter_errors(document))
        checked += 1
        if valid and errors: sys.exit(f"{name}: rejected: {errors[0].message}")
        if not valid and not errors: sys.exit(f"{name}: accepted, but pmlint rejects it")
    for path in sorted(glob.glob('examples/*/plan.yaml')): expect(plan, yaml.load(open(path), Loader), True, path)
    for path in sorted(glob.glob('examples/*/log.yaml')): expect(log, yaml.load(open(path), Loader), True, path)
    for path in sorted(glob.glob('rules/*.yaml')):
        examples = yaml.load(open(path), Loader).get('examples', {})
        for example in examples.get('fire', []) + examples.get('pass', []):
            expect(plan, example['plan'], True, path)
    for path in sorted(glob.glob('rules/*.yaml')): expect(rule, yaml.load(open(path), Loader), True, path)
    expect(rule, {'id': 'x', 'category': 'c', 'severity': 'fatal', 'summary': {'en': 's'}, 'rationale': {'en': 'r'}, 'message': {'en': 'm'}, 'check': {'kind': 'each'}}, False, 'a rule with a bad severity')
    expect(config, {'fail_on': 'warning', 'extra_rules': ['team'], 'rules': {'scope-vague': 'off'}, 'vague_terms': {'add': ['snappy']}}, True, 'a configuration')
    expect(config, {'fail_on': 'warnings'}, False, 'a configuration with a bad fail_on')
    expect(plan, yaml.load(open('Tests/PMLintTests/Fixtures/broken/plan.yaml'), Loader), False, 'broken plan')
    expect(log, yaml.load(open('Tests/PMLintTests/Fixtures/broken/log.yaml'), Loader), False, 'broken log')
    expect(plan, {'project': {'name': 'A', 'client': 'B', 'start': '2026-09-01', 'x-notes': 1}, 'milestones': [{'id': 'm1', 'name': 'A', 'due': '2026-10-01', 'done_on': None}]}, True, 'x- key and an empty field')
    expect(plan, {'project': {'name': 'A', 'client': 'B', 'start': '2026-9-1'}}, False, 'a date not as YYYY-MM-DD')
    expect(log, {'log': [{'date': '2026-09-01', 'type': 'conflict'}]}, False, 'a conflict without an id')
    print(f"{checked} documents as expected")
    """

    @Test func theSchemaAcceptsEveryValidDocumentAndRejectsBrokenOnes() throws {
        let folder = try scratchFolder([
            "plan.json": JSONSchemaExport.render(.plan),
            "log.json": JSONSchemaExport.render(.log),
            "rule.json": JSONSchemaExport.render(.rule),
            "config.json": JSONSchemaExport.render(.config),
            "check.py": Self.validator,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", folder.appendingPathComponent("check.py").path,
                             folder.appendingPathComponent("plan.json").path, folder.appendingPathComponent("log.json").path,
                             folder.appendingPathComponent("rule.json").path, folder.appendingPathComponent("config.json").path]
        process.currentDirectoryURL = repositoryRoot
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(text)")
        #expect(text.contains("documents as expected"))
    }

    @Test func everyFieldOfTheFormatIsInTheSchema() throws {
        let schema = try #require(try JSONSerialization.jsonObject(with: Data(JSONSchemaExport.render(.plan).utf8)) as? [String: Any])
        let definitions = try #require(schema["$defs"] as? [String: [String: Any]])
        let milestone = try #require(definitions["milestone"]?["properties"] as? [String: Any])
        #expect(Set(milestone.keys) == Set(Schema.milestone.fields.map(\.key)))
        #expect(definitions["milestone"]?["required"] as? [String] == ["id", "name", "due"])
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        let run = try runCLI(["schema", "log"])
        #expect(run.status == 0)
        #expect(run.out.contains("\"log-entry\""))
    }
}

/// docs/format.md is generated from the schema: a field added to the format and not to the
/// page fails here.
@Suite("Format reference")
struct FormatReferenceTests {
    @Test func theCommittedPageIsTheGeneratedOne() throws {
        let committed = try String(contentsOf: repositoryRoot.appendingPathComponent("docs/format.md"), encoding: .utf8)
        #expect(committed == FormatReference.markdown(), "regenerate with: pmlint schema --markdown > docs/format.md")
    }

    @Test func everyFieldAndDiagnosticIsOnThePage() {
        let page = FormatReference.markdown()
        for field in Schema.entry.fields + Schema.milestone.fields + Schema.change.fields + Schema.calendar.fields {
            #expect(page.contains("| `\(field.key)` |"), "\(field.key)")
        }
        for rule in DocumentRule.allCases { #expect(page.contains("`\(rule.rawValue)`")) }
        #expect(page.contains("re: [cr2]"))
    }
}
