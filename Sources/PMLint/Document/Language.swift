/// The languages pmlint speaks.
public enum Language: String, Sendable, CaseIterable {
    case en, zh

    /// From LC_ALL, LC_MESSAGES or LANG (`zh_CN.UTF-8` → zh); English otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> Language {
        for key in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("zh") ? .zh : .en
            }
        }
        return .en
    }
}
