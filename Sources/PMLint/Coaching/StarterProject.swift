#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif

/// `pmlint init`: a plan and a log to start from, commented so that filling them in teaches the
/// format and why each part matters. Valid as written; never written over existing files.
public enum StarterProject {
    static func files(language: Language, today: Day) -> [(name: String, text: String)] {
        let end = Duration(3, .months).added(to: today)
        let review = Duration(1, .months).added(to: today)
        let substitute = { (text: String) in
            text.replacingAll("{today}", with: today.description)
                .replacingAll("{end}", with: end.description)
                .replacingAll("{review}", with: review.description)
        }
        switch language {
        case .en: return [("plan.yaml", substitute(planEN)), ("log.yaml", substitute(logEN))]
        case .zh: return [("plan.yaml", substitute(planZH)), ("log.yaml", substitute(logZH))]
        }
    }

    /// Writes the starter files into `folder` (created if needed); refuses when a plan or log is there.
    public static func write(into folder: String, language: Language, today: Day) throws -> [String] {
        for name in ["plan.yaml", "plan.yml", "log.yaml", "log.yml"] {
            let path = Discovery.join(folder, name)
            if FileManager.default.fileExists(atPath: path) {
                throw UsageError("\(path) already exists; pmlint init never overwrites a project")
            }
        }
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw UsageError("\(folder): cannot create the folder")
        }
        var written: [String] = []
        for (name, text) in files(language: language, today: today) {
            let path = Discovery.join(folder, name)
            try OutputFile.write(text, to: path, protecting: [])
            written.append(path)
        }
        return written
    }

    static let planEN = """
    # The project's plan, read by pmlint. Fill it in with the client; every section says why it
    # matters. Run `pmlint check` any time, and `pmlint explain RULE` on what it reports.
    # Keys starting with x- are yours: pmlint never checks them.
    # Every field, its values and what links a follow-up: `pmlint schema --markdown` (docs/format.md).

    # Who, for whom, when. Everything else is measured from these dates.
    project:
      name: Customer portal                # what the client calls the project
      client: Example Corp                 # the client organisation
      manager: your-id                     # you: a stakeholder id below
      start: {today}
      end: {end}                     # the planned end
      phase: initiating                    # initiating | planning | executing | closing | closed
      health: green                        # what you would tell the client today: green | amber | red

    # The people on both sides. Ids are how the plan and the log name them.
    # The client's owner is the gatekeeper who reviews key results: know who it is from day one.
    stakeholders:
      - id: client-owner
        name: Client Owner
        side: client                       # client | team | third_party
        role: owner                        # sponsor | owner | contact | member | manager | other
        engagement: active                 # active | routine | passive | unknown
        contact: owner@client.example
      - id: your-id
        name: Your Name
        side: team
        role: manager

    # A clear, approved scope is what protects both sides later: objectives with numbers, what is
    # out of scope, and the client's sign-off.
    scope:
      objectives:
        - Launch the portal for 3 customer groups by {end}
      in_scope:
        - Customer login and order tracking
      out_of_scope:
        - Integration with the billing system
      deliverables:
        - The portal, live in production
      acceptance_criteria:
        - 95% of test orders tracked correctly in user acceptance testing
      assumptions:
        - The client provides test accounts in the first two weeks
      constraints:
        - No go-live during the client's year-end freeze
      # approved_by: client-owner           # add these once the client signs the scope off
      # approved_on: YYYY-MM-DD

    # The communication plan, agreed at the kickoff: how often the client hears from you, and who.
    communication:
      primary_contact: client-owner        # one client-side point of contact
      status_reports:
        every: weekly                      # 2d, 1w, 1mo, 5wd or daily, weekly, biweekly, monthly
        to: [client-owner]
        channel: email
      meetings:
        - kind: progress                   # matches log meetings of the same kind
          every: 2w
          with: [client-owner]
      feedback:
        every: monthly                     # how often you ask the client how satisfied they are
      escalation: [client-owner]           # who to go to when a conflict will not settle, nearest first

    # Milestones the client reviews and accepts. A reviewer on the client's side makes "done" mean
    # accepted, not just handed over.
    milestones:
      - id: m1
        name: Solution design signed off
        due: {review}
        reviewer: client-owner
        acceptance_criteria:
          - The client's owner signs the design document

    # Risks, shared with the client early: the serious ones within a week.
    risks: []
    #  - id: r1
    #    title: Test accounts arrive late
    #    identified_on: YYYY-MM-DD
    #    probability: medium              # low | medium | high
    #    impact: high
    #    owner: your-id
    #    mitigation: Ask for them at the kickoff; agree a date
    #    shared_on: YYYY-MM-DD            # when you told the client

    # Change requests from the client: record, assess, answer within a week, decide with the client.
    changes: []
    #  - id: cr1
    #    title: What the client asked for
    #    requested_by: client-owner
    #    requested_on: YYYY-MM-DD
    #    status: received                 # received | assessing | approved | rejected | withdrawn | implemented
    #    assessment: {schedule: "+1w", cost: "5 person-days"}
    #    responded_on: YYYY-MM-DD

    # At the end: a final report and a retrospective with the client.
    # closure:
    #   report: reports/final-report.pdf
    #   retrospective: {held_on: YYYY-MM-DD, with: [client-owner, your-id], lessons: [...]}

    """

    static let logEN = """
    # The communication log: one entry per contact with the client, newest last.
    # pmlint reads it for follow-ups (minutes after the kickoff, answers to change requests and
    # conflicts), cadences (status reports, meetings, feedback) and what you promised.
    # An entry follows up an item when its `re` names the item's id: `re: [kickoff]`.
    # Every field: `pmlint schema --markdown` (docs/format.md).
    log: []
    # The kickoff, with its agenda sent ahead, then its minutes sent to the client:
    #  - date: YYYY-MM-DD
    #    type: meeting                     # meeting | call | email | message | status_report | minutes |
    #                                      # feedback | conflict | decision | escalation | note
    #    id: kickoff                       # give an id to what others follow up with `re`
    #    kind: kickoff                     # kickoff | progress | review | workshop | retrospective | other
    #    with: [client-owner, your-id]
    #    agenda: [Goals and scope, Team and roles, Plan, What we need from the client]
    #    agenda_sent_on: YYYY-MM-DD
    #    actions:
    #      - {what: Send the test accounts, owner: client-owner, due: YYYY-MM-DD}
    #  - date: YYYY-MM-DD
    #    type: minutes
    #    re: [kickoff]
    #    to: [client-owner]
    # A status report says what was done, what comes next, and problems or help needed:
    #  - date: YYYY-MM-DD
    #    type: status_report
    #    to: [client-owner]
    #    done: [Kickoff held]
    #    next: [Design workshops]
    #    issues: []                        # an empty list says "none"
    #    help_needed: [Test accounts by Friday]
    #    health: green

    """

    static let planZH = """
    # 项目计划，由 pmlint 读取。请与客户一起填写；每一部分都说明了它为什么重要。
    # 随时运行 `pmlint check`，对报告的问题运行 `pmlint explain 规则id --lang zh` 查看原因。
    # 以 x- 开头的键归你自己使用，pmlint 不会检查。
    # 每个字段的含义、取值以及跟进如何关联：运行 `pmlint schema --markdown`（即 docs/format.md）。

    # 谁、为谁、何时。其他一切都以这些日期为准。
    project:
      name: 客户门户                        # 客户对项目的称呼
      client: 示例公司                      # 客户单位
      manager: your-id                     # 你自己：下面干系人中的 id
      start: {today}
      end: {end}                     # 计划结束日期
      phase: initiating                    # initiating | planning | executing | closing | closed
      health: green                        # 今天你会如何向客户描述：green | amber | red

    # 双方的人员。计划和日志都用 id 指代他们。
    # 客户方负责人是审核关键成果的把关者：从第一天起就要清楚是谁。
    stakeholders:
      - id: client-owner
        name: 客户负责人
        side: client                       # client | team | third_party
        role: owner                        # sponsor | owner | contact | member | manager | other
        engagement: active                 # active | routine | passive | unknown
        contact: owner@client.example
      - id: your-id
        name: 你的姓名
        side: team
        role: manager

    # 清晰并经客户确认的范围，是日后保护双方的依据：带数字的目标、不在范围内的内容、客户的签字确认。
    scope:
      objectives:
        - {end} 前为 3 类客户上线门户
      in_scope:
        - 客户登录和订单跟踪
      out_of_scope:
        - 与计费系统的集成
      deliverables:
        - 上线运行的门户
      acceptance_criteria:
        - 用户验收测试中 95% 的测试订单跟踪正确
      assumptions:
        - 客户在前两周内提供测试账号
      constraints:
        - 客户年底封网期间不上线
      # approved_by: client-owner           # 客户签字确认范围后补上这两项
      # approved_on: YYYY-MM-DD

    # 沟通计划，在启动会上商定：多久向客户汇报一次、汇报给谁。
    communication:
      primary_contact: client-owner        # 客户方唯一对接人
      status_reports:
        every: weekly                      # 2d、1w、1mo、5wd，或 daily、weekly、biweekly、monthly
        to: [client-owner]
        channel: 邮件
      meetings:
        - kind: progress                   # 与日志中同类会议对应
          every: 2w
          with: [client-owner]
      feedback:
        every: monthly                     # 多久收集一次客户满意度
      escalation: [client-owner]           # 冲突无法解决时的升级路径，由近及远

    # 由客户审核验收的里程碑。有客户方审核人，“完成”才意味着验收，而不只是交付。
    milestones:
      - id: m1
        name: 方案设计确认
        due: {review}
        reviewer: client-owner
        acceptance_criteria:
          - 客户负责人在设计文档上签字

    # 风险要尽早告知客户：重大风险一周内告知。
    risks: []
    #  - id: r1
    #    title: 测试账号到位延迟
    #    identified_on: YYYY-MM-DD
    #    probability: medium              # low | medium | high
    #    impact: high
    #    owner: your-id
    #    mitigation: 在启动会上提出并约定日期
    #    shared_on: YYYY-MM-DD            # 告知客户的日期

    # 客户的变更请求：先记录、再评估，一周内答复，与客户共同决定。
    changes: []
    #  - id: cr1
    #    title: 客户提出的需求
    #    requested_by: client-owner
    #    requested_on: YYYY-MM-DD
    #    status: received                 # received | assessing | approved | rejected | withdrawn | implemented
    #    assessment: {schedule: "+1w", cost: "5 人天"}
    #    responded_on: YYYY-MM-DD

    # 项目结束时：总结报告，以及与客户一起的复盘。
    # closure:
    #   report: reports/final-report.pdf
    #   retrospective: {held_on: YYYY-MM-DD, with: [client-owner, your-id], lessons: [...]}

    """

    static let logZH = """
    # 沟通日志：每次与客户的接触记一条，按时间顺序追加。
    # pmlint 据此检查跟进（启动会后的纪要、对变更请求和冲突的答复）、频率（状态报告、例会、反馈）以及你的承诺。
    # 条目在 `re` 中写明某项的 id，才算作对它的跟进：`re: [kickoff]`。
    # 每个字段的说明：`pmlint schema --markdown`（即 docs/format.md）。
    log: []
    # 启动会（提前发送议程），以及会后发给客户的纪要：
    #  - date: YYYY-MM-DD
    #    type: meeting                     # meeting | call | email | message | status_report | minutes |
    #                                      # feedback | conflict | decision | escalation | note
    #    id: kickoff                       # 需要被 `re` 跟进的条目要有 id
    #    kind: kickoff                     # kickoff | progress | review | workshop | retrospective | other
    #    with: [client-owner, your-id]
    #    agenda: [目标与范围, 双方分工, 项目计划, 需要客户配合的资源]
    #    agenda_sent_on: YYYY-MM-DD
    #    actions:
    #      - {what: 提供测试账号, owner: client-owner, due: YYYY-MM-DD}
    #  - date: YYYY-MM-DD
    #    type: minutes
    #    re: [kickoff]
    #    to: [client-owner]
    # 状态报告要写已完成、下一步，以及问题或需要的支持：
    #  - date: YYYY-MM-DD
    #    type: status_report
    #    to: [client-owner]
    #    done: [召开启动会]
    #    next: [需求调研]
    #    issues: []                        # 空列表表示“没有”
    #    help_needed: [周五前提供测试账号]
    #    health: green

    """
}
