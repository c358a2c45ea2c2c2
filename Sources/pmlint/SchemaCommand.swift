import ArgumentParser
import PMLint

struct SchemaCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "schema",
        abstract: "Print the JSON Schema (draft 2020-12) of plan.yaml or log.yaml, for editors."
    )

    @Argument(help: "plan or log.")
    var document: JSONSchemaExport.Document

    func run() {
        print(JSONSchemaExport.render(document), terminator: "")
    }
}

extension JSONSchemaExport.Document: ExpressibleByArgument {}
