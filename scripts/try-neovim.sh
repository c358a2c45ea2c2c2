#!/usr/bin/env bash
# Runs the Neovim configuration of docs/editors.md in a headless Neovim (Debian's `neovim`) on a
# copy of examples/northwind-portal, and prints what the editor received from `pmlint lsp`:
# diagnostics, a hover, the code actions, and `pmlint check` on the log after one is applied.
#
#     scripts/try-neovim.sh [PMLINT_BINARY]     (default: .build/debug/pmlint)
set -euo pipefail
cd "$(dirname "$0")/.."
binary=$(realpath "${1:-.build/debug/pmlint}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bin" "$work/repo/.git"
ln -s "$binary" "$work/bin/pmlint"
cp -r examples/northwind-portal "$work/repo/northwind"

# The configuration exactly as docs/editors.md gives it.
sed -n '/<!-- neovim-config -->/,/<!-- end -->/p' docs/editors.md | sed '1,2d;$d' | sed '$d' > "$work/init.lua"
# The documented configuration leaves as-of to today; the example is read as of its own date.
sed -i 's/init_options = { due_within = 14 }/init_options = { due_within = 14, as_of = "2026-11-20" }/' "$work/init.lua"

cat > "$work/drive.lua" <<'LUA'
local function say(text) io.stdout:write(text .. "\n") end
local buffer = vim.api.nvim_get_current_buf()
vim.wait(10000, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
local diagnostics = vim.diagnostic.get(buffer)
say(("diagnostics on log.yaml: %d"):format(#diagnostics))
table.sort(diagnostics, function(a, b) return a.lnum < b.lnum end)
for i = 1, math.min(4, #diagnostics) do
  local d = diagnostics[i]
  say(("  %d:%d %s [%s] %s"):format(d.lnum + 1, d.col + 1, vim.diagnostic.severity[d.severity], d.code or "", vim.split(d.message, "\n")[1]))
end
-- K on `emma-ross` in the second entry's `to:`.
vim.api.nvim_win_set_cursor(0, { 11, 23 })
local hover = vim.lsp.buf_request_sync(buffer, "textDocument/hover", vim.lsp.util.make_position_params(), 5000)
for _, answer in pairs(hover or {}) do
  if answer.result then say("hover on emma-ross: " .. vim.split(answer.result.contents.value, "\n")[1]) end
end
-- gd on the same id.
local found = vim.lsp.buf_request_sync(buffer, "textDocument/definition", vim.lsp.util.make_position_params(), 5000)
for _, answer in pairs(found or {}) do
  for _, location in ipairs(answer.result or {}) do
    say(("definition: %s line %d"):format(vim.fn.fnamemodify(vim.uri_to_fname(location.uri), ":t"), location.range.start.line + 1))
  end
end
-- To the plan and back, twice: still one server.
for _ = 1, 2 do
  vim.cmd("edit plan.yaml")
  vim.cmd("edit log.yaml")
end
buffer = vim.api.nvim_get_current_buf()
vim.wait(5000, function() return #vim.diagnostic.get(buffer) > 0 end, 50)
say(("language servers after switching files: %d; diagnostics on log.yaml: %d"):format(#vim.lsp.get_active_clients(), #vim.diagnostic.get(buffer)))
-- The code actions on the kickoff entry (line 2), and the first fix applied.
vim.api.nvim_win_set_cursor(0, { 2, 4 })
local params = vim.lsp.util.make_range_params()
params.context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buffer) }
local actions = vim.lsp.buf_request_sync(buffer, "textDocument/codeAction", params, 5000)
local applied = false
for _, answer in pairs(actions or {}) do
  for _, action in ipairs(answer.result or {}) do
    say("code action: " .. action.title)
    if not applied and action.edit and action.title:match("^Log the minutes") then
      vim.lsp.util.apply_workspace_edit(action.edit, "utf-16")
      applied = true
    end
  end
end
vim.cmd("silent write")
vim.wait(2000, function()
  for _, d in ipairs(vim.diagnostic.get(buffer)) do if d.code == "kickoff-minutes" and d.severity == 1 + 1 then return false end end
  return true
end, 50)
local left = 0
for _, d in ipairs(vim.diagnostic.get(buffer)) do if d.code == "kickoff-minutes" then left = left + 1 end end
say(("after the fix: kickoff-minutes diagnostics on the kickoff: %d (the minutes, late: %s)"):format(left,
  left == 1 and vim.diagnostic.severity[vim.diagnostic.get(buffer, { lnum = 1 })[1].severity] or "-"))
vim.cmd("qall!")
LUA

cd "$work/repo/northwind"
PATH="$work/bin:$PATH" nvim --headless -u "$work/init.lua" log.yaml -c "luafile $work/drive.lua" 2>&1 | tr -d '\r'
echo "pmlint check on the saved log:"
"$binary" check . --as-of 2026-11-20 --select kickoff --color never | tail -4
