/// The five articles the catalog's rules come from (`source: G1 §3.1` in a rule file), and the
/// advice they give that no rule can check, for `explain` and the brief to carry as coaching.
enum Guidance {
    static let articles: [String: LocalizedText] = [
        "G0": LocalizedText(en: "How a project manager works with the client (guidance article 000)", zh: "项目经理与客户互动的方式（指导文章 000）"),
        "G1": LocalizedText(en: "Communicating well with the client in project management (guidance article 001)", zh: "项目管理中如何做好与客户沟通？（指导文章 001）"),
        "G2": LocalizedText(en: "How to manage the client in a project (guidance article 002)", zh: "项目管理怎么管理客户（指导文章 002）"),
        "G3": LocalizedText(en: "Ten golden rules for communicating with the client (guidance article 003)", zh: "项目与客户沟通的10个黄金法则（指导文章 003）"),
        "G4": LocalizedText(en: "A project manager's communication with clients: five do's and five don'ts (guidance article 004)", zh: "项目经理与客户的沟通技巧：五宜五忌（指导文章 004）"),
    ]

    /// The titles of the articles a `source` names.
    static func articles(in source: String, language: Language) -> [String] {
        var found: [String] = []
        for (key, title) in articles.sorted(by: { $0.key < $1.key }) where source.contains(key) {
            found.append("\(key)\(language == .zh ? "：" : ": ")\(title[language])")
        }
        return found
    }

    /// A rule's source as the reader reads it: the Chinese reader gets the article and section
    /// (`G1 §3.1`) without the English words that name the passage.
    static func source(_ source: String, language: Language) -> String {
        guard language == .zh else { return source }
        var out = ""
        var depth = 0
        var skipped = ""
        for character in source {
            if character == "(" { depth += 1; skipped = ""; continue }
            if character == ")", depth > 0 {
                depth -= 1
                // Keep a parenthesis that holds Chinese (宜当面沟通).
                if skipped.unicodeScalars.contains(where: { $0.value >= 0x3000 }) { out += "（\(skipped)）" }
                continue
            }
            if depth > 0 { skipped.append(character) } else { out.append(character) }
        }
        return out.replacingAll("  ", with: " ").replacingAll(" ;", with: ";").replacingAll(" （", with: "（").trimmingSpacesAndTabs
    }

    /// Advice per category that a rule cannot check: attitude, tone, demeanour.
    static let coaching: [String: LocalizedText] = [
        "kickoff": LocalizedText(
            en: "Arrive at the kickoff early, set out the material, and have a team member take notes of every leader's remarks. Watch how the client's leaders react and answer with the next steps on the spot, especially about the result they value most (G1 §3.1).",
            zh: "启动会要提前到场、摆好资料，安排项目成员记录每位领导的发言。观察客户领导的神态，根据他们的意见当场给出下一步安排，尤其要判断领导最看重的成果（G1 §3.1）。"),
        "meetings": LocalizedText(
            en: "Praise in public, follow up in private: name the people who delivered on time; ask those who are late privately, and in the meeting present the new plan rather than the names (G1 §3.2). Keep to the topic; a meeting is not a speech (G4 §4).",
            zh: "公开表扬，私下跟进：点名表扬按时完成的人；对未完成的人私下询问原因，会上只给出下一步安排而不点名（G1 §3.2）。会议要主题明确，沟通不是演讲（G4 §4）。"),
        "conflicts": LocalizedText(
            en: "Stay calm and humble: respect the client, speak politely, and express your view without arguing to win (G4 §1). Put yourself in the client's place before you answer (G4 §3), and talk face to face rather than complaining behind their back (G4 §5).",
            zh: "保持冷静和谦虚：尊重客户，语气礼貌柔和，表达观点而不“据理力争”（G4 §1）。答复前先换位思考（G4 §3），当面坦诚沟通，而不是背后议论（G4 §5）。"),
        "changes": LocalizedText(
            en: "When a request seems unreasonable, first try to see why the client wants it (G4 §3); record it and answer after an assessment instead of on the spot (G4 §2).",
            zh: "客户的需求看似不合理时，先换位思考，体会客户这样期望的理由（G4 §3）；先记录、评估后再答复，而不是当场表态（G4 §2）。"),
        "stakeholders": LocalizedText(
            en: "With a passive or routine cooperator, get closer one to one and show your professionalism; with active ones, learn what motivates them and pass it on (G1 §3.2).",
            zh: "对按部就班或消极的配合者，一对一沟通时注意拉近关系、展现专业形象；对积极配合者，分析其积极的原因并推广（G1 §3.2）。"),
        "status": LocalizedText(
            en: "Report the unwelcome news too, early and with a plan: transparency is what makes the good news believable (G2 §3).",
            zh: "不受欢迎的消息也要及早汇报，并附上应对方案：透明，才会让好消息也可信（G2 §3）。"),
        "feedback": LocalizedText(
            en: "Listen first: understanding the client's needs and expectations is the first step of trust (G0 §1).",
            zh: "先倾听：理解客户的需求和期望是建立信任的第一步（G0 §1）。"),
    ]
}
