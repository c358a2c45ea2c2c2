import ArgumentParser
import PMLint

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a commented plan.yaml and log.yaml to start a project from (never over existing files)."
    )

    @Argument(help: "The project folder (created if missing).")
    var folder: String = "."

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let written = try StarterProject.write(into: folder, language: language.resolved, today: Day.today)
        let zh = language.resolved == .zh
        print(zh ? "已写入 \(written.joined(separator: "、"))。填写后运行：pmlint check \(folder)"
                 : "wrote \(written.joined(separator: " and ")); fill them in, then run: pmlint check \(folder)")
    }
}
