import ArgumentParser
import PMLint

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of plan.yaml, log.yaml, a rule file or .pmlint.yml, for editors."
    )

    @Argument(help: "plan, log, rule or config.")
    var document: JSONSchemaExport.Document

    func run() {
        print(JSONSchemaExport.render(document), terminator: "")
    }
}

extension JSONSchemaExport.Document: ExpressibleByArgument {}
