"""`pmlint lsp` driven by pytest-lsp's client, as an editor drives it."""
import asyncio
import json
import os
import subprocess

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

from conftest import AS_OF, PMLINT, apply_edits, check, position_of


@pytest_lsp.fixture(config=ClientServerConfig(server_command=[PMLINT, "lsp"], server_env={**os.environ, "LANG": "C"}))
async def client(lsp_client: LanguageClient):
    # What VS Code says it can do: UTF-16 positions, snippets, related information.
    result = await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("visual-studio-code"),
        initialization_options={"as_of": AS_OF, "debounce": 50}))
    assert result.server_info.name == "pmlint"
    assert result.capabilities.position_encoding == "utf-16"
    yield
    await lsp_client.shutdown_session()


def uri(path):
    return path.as_uri()


async def wait_until(client, predicate, timeout=20):
    """Waits for published diagnostics until `predicate()` holds."""
    async def wait():
        while not predicate():
            await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    await asyncio.wait_for(wait(), timeout)


async def open_document(client, path):
    """Opens a file as the editor would and waits for its diagnostics."""
    client.diagnostics.pop(uri(path), None)
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri(path), language_id="yaml", version=1, text=path.read_text())))
    while uri(path) not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return path.read_text()


async def diagnostics_after(client, path, change):
    """Sends a change and waits for the diagnostics of that version."""
    client.diagnostics.pop(uri(path), None)
    client.text_document_did_change(change)
    while uri(path) not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[uri(path)]


def text_count(path, word):
    return path.read_text().count(word)


def keyed(diagnostics):
    return sorted((d.range.start.line + 1, d.code) for d in diagnostics)


async def test_diagnostics_are_checks_findings(client, project):
    await open_document(client, project / "log.yaml")
    # Both files of the project are published, the plan too, though it was never opened.
    while uri(project / "plan.yaml") not in client.diagnostics:
        await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    _, findings = check(project)
    for name in ["plan.yaml", "log.yaml"]:
        expected = sorted((f["line"], f["rule"]) for f in findings if f["file"].endswith(name))
        assert keyed(client.diagnostics[uri(project / name)]) == expected, name
    kickoff = next(d for d in client.diagnostics[uri(project / "log.yaml")] if d.code == "kickoff-minutes")
    assert kickoff.severity == types.DiagnosticSeverity.Warning
    assert kickoff.source == "pmlint"
    assert "no minutes sent to the client" in kickoff.message
    # The diagnostic starts at the kickoff entry, as check's line and column say.
    assert kickoff.range.start == types.Position(line=1, character=4)
    # Marked on the entry's first line only.
    assert kickoff.range.end.line == 1
    # Related information: the milestone a watermelon status is red for, in the plan.
    plan_text = (project / "plan.yaml").read_text()
    watermelon = next(d for d in client.diagnostics[uri(project / "plan.yaml")] if d.code == "status-watermelon")
    assert [(r.location.uri, r.location.range.start, r.message.split(":")[0]) for r in watermelon.related_information] == [
        (uri(project / "plan.yaml"), position_of(plan_text, "- id: m2", delta=2), "milestone m2")]


async def test_unsaved_change_is_checked_and_typo_located(client, project):
    log = project / "log.yaml"
    text = await open_document(client, log)
    assert "kickoff-minutes" in [d.code for d in client.diagnostics[uri(log)]]
    # The PM logs the kickoff's minutes (unsaved): the finding goes, and nothing is written.
    end = text.count("\n")
    entry = "\n  - date: 2026-08-05\n    type: minutes\n    re: [kickoff]\n    to: [david-prak]\n"
    diagnostics = await diagnostics_after(client, log, types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(log), version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=end, character=0), end=types.Position(line=end, character=0)), text=entry)]))
    typo = [d for d in diagnostics if d.code == "unknown-reference"]
    assert len(typo) == 1 and "did you mean" in typo[0].message and "david-park" in typo[0].message
    assert typo[0].range.start.line == end + 4
    assert log.read_text() == text
    # The typo corrected: the minutes count, one day after the kickoff.
    line = end + 4
    diagnostics = await diagnostics_after(client, log, types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(log), version=3),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=line, character=9), end=types.Position(line=line, character=19)),
            text="david-park")]))
    codes = [d.code for d in diagnostics]
    assert "unknown-reference" not in codes and "kickoff-minutes" not in codes


async def test_plan_change_rechecks_its_log(client, project):
    log, plan = project / "log.yaml", project / "plan.yaml"
    await open_document(client, log)
    plan_text = await open_document(client, plan)
    assert "kickoff-minutes" in [d.code for d in client.diagnostics[uri(log)]]
    # The kickoff's window widened in the plan's configuration is not the plan's business, but
    # renaming a stakeholder is: every log entry naming the old id is now an unknown reference.
    start = position_of(plan_text, "id: emma-ross", delta=4)
    client.diagnostics.pop(uri(log), None)
    client.text_document_did_change(types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(plan), version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=start, end=types.Position(line=start.line, character=start.character + 9)), text="emma-rose")]))
    await wait_until(client, lambda: "unknown-reference" in [d.code for d in client.diagnostics.get(uri(log), [])])
    assert [d.code for d in client.diagnostics[uri(log)]].count("unknown-reference") == text_count(log, "emma-ross")


async def test_code_action_logs_the_fix_and_the_file_passes(client, project):
    log = project / "log.yaml"
    text = await open_document(client, log)
    kickoff = next(d for d in client.diagnostics[uri(log)] if d.code == "kickoff-minutes")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), range=kickoff.range,
        context=types.CodeActionContext(diagnostics=[kickoff])))
    titles = [a.title for a in actions]
    assert "Log the minutes of 2026-11-20" in titles
    assert "Suppress kickoff-minutes here, with a reason" in titles
    assert "Explain kickoff-minutes" in titles
    action = next(a for a in actions if a.title.startswith("Log the minutes"))
    assert action.kind == types.CodeActionKind.QuickFix and action.is_preferred
    edits = action.edit.changes[uri(log)]
    assert edits[0].new_text == "  - date: 2026-11-20\n    type: minutes\n    re: [kickoff]\n    to: [david-park]\n"
    log.write_text(apply_edits(text, edits))
    status, findings = check(project)
    # Only the minutes' lateness (information) remains of the kickoff follow-up; no error.
    assert status == 0
    assert not [f for f in findings if f["severity"] == "error"]
    kickoff_findings = [f for f in findings if f["rule"] == "kickoff-minutes"]
    assert [f["severity"] for f in kickoff_findings] == ["info"]
    assert "went to the client on 2026-11-20" in kickoff_findings[0]["message"]


async def test_suppression_action_asks_for_a_reason(client, project):
    log = project / "log.yaml"
    text = await open_document(client, log)
    gap = next(d for d in client.diagnostics[uri(log)] if d.code == "status-report-gap")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), range=gap.range,
        context=types.CodeActionContext(diagnostics=[gap])))
    action = next(a for a in actions if a.title.startswith("Suppress status-report-gap"))
    edited = apply_edits(text, action.edit.changes[uri(log)])
    assert "  # pmlint-disable-next-line status-report-gap -- \n  - date: 2026-08-28" in edited
    # Until the reason is written, check says it is missing; with it, the finding is suppressed.
    log.write_text(edited)
    _, findings = check(project)
    assert "suppression-invalid" in [f["rule"] for f in findings]
    log.write_text(edited.replace("status-report-gap -- \n", "status-report-gap -- summer holidays, agreed with David\n"))
    _, findings = check(project)
    rules = [(f["rule"], f["line"]) for f in findings]
    assert "suppression-invalid" not in [r for r, _ in rules]
    assert ("status-report-gap", 32) not in rules


async def test_explain_command(client, project):
    await open_document(client, project / "log.yaml")
    result = await client.workspace_execute_command_async(types.ExecuteCommandParams(
        command="pmlint.explain", arguments=["kickoff-minutes"]))
    assert result.startswith("### kickoff-minutes")
    assert "**Why it matters**" in result
    while not client.messages:
        await asyncio.sleep(0.01)
    assert "Why it matters" in client.messages[-1].message


async def test_hover_on_ids_and_findings(client, project):
    log = project / "log.yaml"
    text = await open_document(client, log)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=position_of(text, "emma-ross", delta=2)))
    assert hover.contents.kind == types.MarkupKind.Markdown
    assert "**stakeholder** `emma-ross`: Emma Ross" in hover.contents.value
    assert "- side: client" in hover.contents.value
    # On a change request named in `re`: its title and status.
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=position_of(text, "re: [c2]", delta=5)))
    assert "`c2`" in hover.contents.value
    # On the kickoff entry, which has findings: the rule's explanation.
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=position_of(text, "topic: Project kickoff", delta=2)))
    assert "kickoff" in hover.contents.value and "**Why it matters**" in hover.contents.value


async def test_definition_and_references(client, project):
    log, plan = project / "log.yaml", project / "plan.yaml"
    text = await open_document(client, log)
    plan_text = plan.read_text()
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=position_of(text, "emma-ross", delta=1)))
    assert len(found) == 1 and found[0].uri == uri(plan)
    assert found[0].range.start == position_of(plan_text, "id: emma-ross", delta=4)
    # `re: [c2]` jumps to the conflict entry's id.
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=position_of(text, "re: [c2]", delta=5)))
    assert found[0].uri == uri(log) and found[0].range.start == position_of(text, "id: c2", delta=4)
    references = await client.text_document_references_async(types.ReferenceParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=position_of(text, "emma-ross", delta=1),
        context=types.ReferenceContext(include_declaration=True)))
    in_log = [r for r in references if r.uri == uri(log)]
    assert len(in_log) == text.count("emma-ross")
    assert any(r.uri == uri(plan) for r in references)


async def test_completion(client, project):
    log = project / "log.yaml"
    text = await open_document(client, log)
    end = text.count("\n")
    typed = "\n  - date: 2026-11-20\n    type: minutes\n    re: [\n    to: [\n"
    await diagnostics_after(client, log, types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(log), version=2),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=end, character=0), end=types.Position(line=end, character=0)), text=typed)]))
    # `to` of minutes: the client's people first.
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=types.Position(line=end + 4, character=9)))
    ordered = [i.label for i in sorted(result.items, key=lambda i: i.sort_text)]
    assert ordered[:2] == ["david-park", "emma-ross"] and set(ordered[2:]) == {"alex-kim", "sam-lee"}
    # `re`: open items first (the open conflicts, the unanswered change request).
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=types.Position(line=end + 3, character=9)))
    ordered = sorted(result.items, key=lambda i: i.sort_text)
    first_closed = next(index for index, item in enumerate(ordered) if "open" not in (item.detail or ""))
    assert first_closed > 0 and all("open" not in (item.detail or "") for item in ordered[first_closed:])
    assert "kickoff" in [i.label for i in ordered]
    # An enum value: the entry's type.
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=types.Position(line=end + 2, character=10)))
    assert "status_report" in [i.label for i in result.items] and "minutes" in [i.label for i in result.items]
    # A new entry after `- `: a skeleton by type, dated as of the check, with the client's owner.
    await diagnostics_after(client, log, types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(log), version=3),
        content_changes=[types.TextDocumentContentChangePartial(
            range=types.Range(start=types.Position(line=end + 5, character=0), end=types.Position(line=end + 5, character=0)), text="  - ")]))
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=types.Position(line=end + 5, character=4)))
    report = next(i for i in result.items if i.label == "status_report")
    assert report.insert_text_format == types.InsertTextFormat.Snippet
    assert report.text_edit.new_text == ("date: 2026-11-20\n    type: status_report\n    to: [david-park]\n"
                                         "    done: []\n    next: []\n    issues: []\n    help_needed: []$0")


async def test_document_symbols(client, project):
    plan = project / "plan.yaml"
    await open_document(client, plan)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(plan))))
    groups = {s.name: [c.name for c in s.children] for s in symbols}
    assert groups["stakeholders"] == ["david-park", "emma-ross", "alex-kim", "sam-lee"]
    assert groups["milestones"] == ["m1", "m2", "m3"]
    assert groups["changes"] == ["cr1", "cr2"]
    log = project / "log.yaml"
    await open_document(client, log)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log))))
    assert symbols[0].name == "log" and symbols[0].children[0].name == "2026-08-04 meeting kickoff"


async def test_deadlines_as_inlay_hints(client, project):
    log = project / "log.yaml"
    text = await open_document(client, log)
    due = json.loads(subprocess.run([PMLINT, "due", str(project), "--as-of", AS_OF, "--format", "json"],
                                    capture_output=True, text=True, check=True).stdout)
    expected = sorted((item["line"], item["due"]) for item in due["items"] if item["file"].endswith("log.yaml"))
    hints = await client.text_document_inlay_hint_async(types.InlayHintParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)),
        range=types.Range(start=types.Position(line=0, character=0), end=types.Position(line=text.count("\n"), character=0))))
    assert expected, "the example has something due within 14 days in its log"
    assert sorted((h.position.line + 1, h.label.split()[1]) for h in hints) == expected


async def test_requests_for_unopened_files_and_unknown_methods(client, project):
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(project / "log.yaml")), position=types.Position(line=3, character=8)))
    assert hover is None
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri="untitled:Untitled-1"), position=types.Position(line=0, character=0)))
    assert found == []
    with pytest.raises(Exception, match="does not handle"):
        await client.text_document_formatting_async(types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=uri(project / "log.yaml")),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True)))


async def test_saved_configuration_applies(client, project):
    log = project / "log.yaml"
    await open_document(client, log)
    assert "kickoff-minutes" in [d.code for d in client.diagnostics[uri(log)]]
    config = project.parent / ".pmlint.yml"
    config.write_text("rules:\n  kickoff-minutes: off\n")
    client.diagnostics.pop(uri(log), None)
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri(config))))
    await wait_until(client, lambda: uri(log) in client.diagnostics)
    assert "kickoff-minutes" not in [d.code for d in client.diagnostics[uri(log)]]
    assert "kickoff-agenda-shared" in [d.code for d in client.diagnostics[uri(log)]]



@pytest_lsp.fixture(config=ClientServerConfig(server_command=[PMLINT, "lsp"], server_env={**os.environ, "LANG": "C"}))
async def chinese_client(lsp_client: LanguageClient):
    await lsp_client.initialize_session(types.InitializeParams(
        capabilities=client_capabilities("neovim"), locale="zh-CN", initialization_options={"as_of": AS_OF}))
    yield
    await lsp_client.shutdown_session()


async def test_chinese_messages_and_actions(chinese_client, project):
    client = chinese_client
    log = project / "log.yaml"
    await open_document(client, log)
    kickoff = next(d for d in client.diagnostics[uri(log)] if d.code == "kickoff-minutes")
    assert "启动会" in kickoff.message and "修复：" in kickoff.message
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), range=kickoff.range,
        context=types.CodeActionContext(diagnostics=[kickoff])))
    assert "在日志中记录 minutes（2026-11-20）" in [a.title for a in actions]
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=types.Position(line=10, character=23)))
    assert hover.contents.value.startswith("**干系人** `emma-ross`")


async def test_unused_suppression_is_faded_and_its_rule_explained(client, project):
    log = project / "log.yaml"
    text = log.read_text().replace("log:\n", "log:\n  # pmlint-disable-next-line conflict-stale -- mediation booked\n", 1)
    log.write_text(text)
    await open_document(client, log)
    unused = next(d for d in client.diagnostics[uri(log)] if d.code == "suppression-unused")
    assert list(unused.tags) == [types.DiagnosticTag.Unnecessary]
    assert unused.severity == types.DiagnosticSeverity.Warning
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=position_of(text, "conflict-stale", delta=3)))
    assert hover.contents.value.startswith("### conflict-stale")


async def test_other_yaml_files_are_left_alone(client, project):
    other = project / "workflow.yaml"
    other.write_text("jobs:\n  status: \n  with: [\n")
    client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=types.TextDocumentItem(
        uri=uri(other), language_id="yaml", version=1, text=other.read_text())))
    result = await client.text_document_completion_async(types.CompletionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(other)), position=types.Position(line=1, character=10)))
    assert list(result.items) == []
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(other))))
    assert list(symbols) == []
    # Answered in order: had the file been checked, its diagnostics would have come first.
    assert uri(other) not in client.diagnostics


async def test_code_actions_with_other_tools_diagnostics_in_the_context(client, project):
    log = project / "log.yaml"
    await open_document(client, log)
    kickoff = next(d for d in client.diagnostics[uri(log)] if d.code == "kickoff-minutes")
    # yamllint's diagnostic on the same line: a numeric code, its own data, no severity.
    foreign = types.Diagnostic(range=kickoff.range, message="line too long", code=42, source="yamllint",
                               data={"rule": "line-length"})
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), range=kickoff.range,
        context=types.CodeActionContext(diagnostics=[foreign, kickoff])))
    assert "Log the minutes of 2026-11-20" in [a.title for a in actions]
    # The diagnostic an action fixes is the one published, so the editor can match them.
    fix = next(a for a in actions if a.title.startswith("Log the minutes"))
    assert fix.diagnostics[0].range == kickoff.range and fix.diagnostics[0].message == kickoff.message


async def test_first_log_entry_creates_the_log(client, project):
    (project / "log.yaml").unlink()
    plan = project / "plan.yaml"
    await open_document(client, plan)
    missing = next(d for d in client.diagnostics[uri(plan)] if d.code == "kickoff-missing")
    actions = await client.text_document_code_action_async(types.CodeActionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(plan)), range=missing.range,
        context=types.CodeActionContext(diagnostics=[missing])))
    fix = next(a for a in actions if a.title.startswith("Log the meeting"))
    create, edit = fix.edit.document_changes
    log = project / "log.yaml"
    assert create.kind == "create" and create.uri == uri(log)
    assert edit.text_document.uri == uri(log)
    log.write_text(apply_edits("", edit.edits))
    assert log.read_text().startswith("log:\n  - date: 2026-11-20\n    type: meeting\n    id: kickoff\n    kind: kickoff\n")
    _, findings = check(project)
    assert "kickoff-missing" not in [f["rule"] for f in findings]
    assert not [f for f in findings if f["severity"] == "error"]


async def test_navigation_while_the_text_is_broken(client, project):
    log = project / "log.yaml"
    text = await open_document(client, log)
    # Four comment lines at the top and a half-typed entry at the bottom: the YAML is broken.
    # Two edits, as an editor sends them.
    edited = "# a\n# b\n# c\n# d\n" + text + "  - date: [\n"
    end = types.Position(line=text.count("\n") + 4, character=0)
    top = types.Position(line=0, character=0)
    diagnostics = await diagnostics_after(client, log, types.DidChangeTextDocumentParams(
        text_document=types.VersionedTextDocumentIdentifier(uri=uri(log), version=2),
        content_changes=[types.TextDocumentContentChangePartial(range=types.Range(start=top, end=top), text="# a\n# b\n# c\n# d\n"),
                         types.TextDocumentContentChangePartial(range=types.Range(start=end, end=end), text="  - date: [\n")]))
    assert [d.code for d in diagnostics] == ["yaml-syntax"]
    # The ids are still found where they are now.
    found = await client.text_document_definition_async(types.DefinitionParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=position_of(edited, "re: [c2]", delta=5)))
    assert found[0].range.start == position_of(edited, "id: c2", delta=4)
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log))))
    assert symbols[0].children[0].range.start == types.Position(line=5, character=4)


async def test_rule_ids_explained_only_in_suppressions(client, project):
    log = project / "log.yaml"
    text = log.read_text().replace("topic: Project kickoff", "topic: Project kickoff and schema review")
    log.write_text(text)
    await open_document(client, log)
    hover = await client.text_document_hover_async(types.HoverParams(
        text_document=types.TextDocumentIdentifier(uri=uri(log)), position=position_of(text, "schema review", delta=2)))
    # The kickoff entry's findings may explain themselves; the word "schema" is no rule here.
    assert hover is None or "### schema" not in hover.contents.value

