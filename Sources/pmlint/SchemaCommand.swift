import ArgumentParser
import PMLint

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of plan.yaml, log.yaml, a rule file or .pmlint.yml, for editors; or, with --markdown, the format for people (docs/format.md)."
    )

    @Argument(help: "plan, log, rule or config.")
    var document: JSONSchemaExport.Document?

    @Flag(help: "The plan and log format as Markdown, for people: every field, its values, and what links a follow-up.")
    var markdown = false

    func validate() throws {
        if markdown, document != nil { throw ValidationError("--markdown prints the whole format; leave out the document") }
        if !markdown, document == nil { throw ValidationError("name the document: plan, log, rule or config (or give --markdown)") }
    }

    func run() {
        if markdown {
            print(FormatReference.markdown(), terminator: "")
        } else if let document {
            print(JSONSchemaExport.render(document), terminator: "")
        }
    }
}

extension JSONSchemaExport.Document: ExpressibleByArgument {}
