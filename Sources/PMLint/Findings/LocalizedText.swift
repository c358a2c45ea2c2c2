/// A text in every language pmlint speaks.
public struct LocalizedText: Sendable, Hashable {
    public var en: String
    public var zh: String

    init(en: String, zh: String) {
        self.en = en
        self.zh = zh
    }

    subscript(_ language: Language) -> String {
        switch language {
        case .en: return en
        case .zh: return zh.isEmpty ? en : zh
        }
    }
}
