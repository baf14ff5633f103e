-- Neovim as an LSP client of our server over stdio (driven by test/editor-neovim.test.ts).
-- Works on Debian's Neovim 0.7.2 (no vim.lsp.start, no `nvim -l`): vim.lsp.start_client plus
-- vim.lsp.buf_attach_client, which later versions still have.
--
--   AARCH64_FTRACE_SERVER=dist/server.js AARCH64_FTRACE_FILE=x.S AARCH64_FTRACE_LINE=25 AARCH64_FTRACE_COLUMN=1 \
--   [AARCH64_FTRACE_NODE=node] [AARCH64_FTRACE_TIMEOUT_MS=10000] \
--     timeout 60 nvim --headless --clean -u NONE -i NONE -n -c 'luafile test/editors/nvim-lsp.lua' </dev/null
--
-- Checks the protocol round trips itself; collects the diagnostics (as published and as
-- vim.diagnostic holds them) and a hover at LINE (1-based) / COLUMN (0-based) for the outer test.
-- Prints one line `RESULT <json>` and exits 0 when every check passed, 1 when a check failed,
-- 2 on a timeout, 3 on a Lua error. Every wait is bounded by AARCH64_FTRACE_TIMEOUT_MS.
local server = os.getenv('AARCH64_FTRACE_SERVER')
local file = os.getenv('AARCH64_FTRACE_FILE')
local timeout = tonumber(os.getenv('AARCH64_FTRACE_TIMEOUT_MS') or '10000')
local node = os.getenv('AARCH64_FTRACE_NODE') or 'node'
local hover_line = tonumber(os.getenv('AARCH64_FTRACE_LINE') or '1')
local hover_column = tonumber(os.getenv('AARCH64_FTRACE_COLUMN') or '0')

local v = vim.version()
local result = { nvim = string.format('%d.%d.%d', v.major, v.minor, v.patch), logs = {}, failures = {} }

local function finish(status)
  io.stdout:write('RESULT ' .. vim.fn.json_encode(result) .. '\n')
  io.stdout:flush()
  if status == 0 then
    vim.cmd('qall!')
  else
    vim.cmd('cquit ' .. status)
  end
end

local function check(cond, message)
  if not cond then table.insert(result.failures, message) end
  return cond
end

local function wait_for(what, predicate)
  if not vim.wait(timeout, predicate, 20) then
    result.timeout = what
    finish(2)
    return false
  end
  return true
end

local function logged(needle)
  for _, m in ipairs(result.logs) do
    if m:find(needle, 1, true) then return m end
  end
  return nil
end

local function main()
  assert(server and file, 'set AARCH64_FTRACE_SERVER and AARCH64_FTRACE_FILE')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  result.uri = uri

  local client_id = vim.lsp.start_client({
    name = 'aarch64-ftrace',
    cmd = { node, server, '--stdio' },
    root_dir = vim.fn.fnamemodify(file, ':p:h'),
    on_init = function(_, initialize_result)
      result.serverInfo = initialize_result.serverInfo
    end,
    on_exit = function(code, signal)
      result.exit = { code = code, signal = signal }
    end,
    handlers = {
      ['window/logMessage'] = function(_, params)
        table.insert(result.logs, params.message)
      end,
      ['textDocument/publishDiagnostics'] = function(err, params, ctx, config)
        if params.uri == result.uri then result.published = params.diagnostics end
        return vim.lsp.diagnostic.on_publish_diagnostics(err, params, ctx, config)
      end,
    },
  })
  if not check(client_id ~= nil, 'vim.lsp.start_client returned nil') then return finish(1) end
  result.attached = vim.lsp.buf_attach_client(bufnr, client_id)

  if not wait_for('initialize', function()
    local c = vim.lsp.get_client_by_id(client_id)
    return result.exit ~= nil or (c ~= nil and c.initialized == true and result.serverInfo ~= nil)
  end) then return end
  if not check(result.exit == nil, 'the server exited before initializing') then return finish(1) end
  local client = vim.lsp.get_client_by_id(client_id)
  result.capabilities = client.server_capabilities
  check(type(client.server_capabilities) == 'table', 'client.server_capabilities is not a table')
  local sync = client.server_capabilities and client.server_capabilities.textDocumentSync
  check(type(sync) == 'table' and sync.openClose == true and sync.change == 2,
    'textDocumentSync is not { openClose = true, change = 2 (incremental) }')
  check(result.serverInfo.name == 'aarch64-ftrace', 'serverInfo.name is not aarch64-ftrace')

  -- The attached buffer reached the server (didOpen), and the server saw a stdio session.
  if not wait_for('the server to log "opened ' .. uri .. '"', function()
    return logged('opened ' .. uri) ~= nil
  end) then return end
  check(logged('stdio') ~= nil, 'no log line mentions the stdio transport')

  -- Diagnostics: the server's publishDiagnostics for this buffer, and what Neovim made of them.
  if not wait_for('publishDiagnostics for ' .. uri, function() return result.published ~= nil end) then return end
  result.vim_diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(result.vim_diagnostics, { lnum = d.lnum, severity = d.severity, message = d.message })
  end

  -- Hover at AARCH64_FTRACE_LINE (1-based) / AARCH64_FTRACE_COLUMN (0-based), as K would ask.
  local params = {
    textDocument = { uri = uri },
    position = { line = hover_line - 1, character = hover_column },
  }
  local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, timeout)
  local answer = responses and responses[client_id]
  if not check(answer ~= nil and answer.err == nil, 'no hover answer: ' .. vim.inspect(answer)) then return finish(1) end
  result.hover = answer.result and answer.result.contents and answer.result.contents.value or vim.NIL

  -- Orderly shutdown: shutdown request, exit notification, and the server exits with 0.
  vim.lsp.stop_client(client_id)
  if not wait_for('the server to exit', function() return result.exit ~= nil end) then return end
  check(result.exit.code == 0, 'the server exited with code ' .. tostring(result.exit.code))

  finish(#result.failures == 0 and 0 or 1)
end

local ok, err = pcall(main)
if not ok then
  result.error = tostring(err)
  finish(3)
end
