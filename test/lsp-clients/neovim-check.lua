-- Headless Neovim 0.7 check of the Specwright language server, started by run.mjs as
--   nvim --headless --clean -n -i NONE -c "luafile neovim-check.lua"
-- Opens SPECWRIGHT_DOC, attaches `node SPECWRIGHT_SERVER --stdio` rooted at SPECWRIGHT_ROOT,
-- waits (bounded) for published diagnostics, asks for document symbols, and writes what it
-- saw as JSON to SPECWRIGHT_OUT. run.mjs judges the result. Neovim 0.7 has no vim.lsp.start,
-- so this uses start_client + buf_attach_client.
local env = function(name)
  return assert(os.getenv(name), name .. ' is not set')
end
local server, root, doc, out = env('SPECWRIGHT_SERVER'), env('SPECWRIGHT_ROOT'), env('SPECWRIGHT_DOC'), env('SPECWRIGHT_OUT')
local timeout = tonumber(os.getenv('SPECWRIGHT_TIMEOUT_MS') or '20000')

local v = vim.version()
local result = {
  client = string.format('neovim %d.%d.%d', v.major, v.minor, v.patch),
  diagnostics = {},
  symbols = {},
  errors = {},
}

local function flatten(symbols, depth, into)
  for _, s in ipairs(symbols or {}) do
    table.insert(into, { name = s.name, detail = s.detail or vim.NIL, depth = depth })
    flatten(s.children, depth + 1, into)
  end
  return into
end

local function check()
  vim.cmd('edit ' .. vim.fn.fnameescape(doc))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'markdown'

  local client_id = vim.lsp.start_client({
    name = 'specwright',
    cmd = { 'node', server, '--stdio' },
    root_dir = root,
    on_exit = function(code, signal)
      if code ~= 0 then
        table.insert(result.errors, string.format('server exited with code %s, signal %s', code, signal))
      end
    end,
  })
  if not client_id then
    table.insert(result.errors, 'vim.lsp.start_client returned nil')
    return
  end
  vim.lsp.buf_attach_client(buf, client_id)

  local arrived = vim.wait(timeout, function()
    return #vim.diagnostic.get(buf) > 0
  end, 20)
  if not arrived then
    table.insert(result.errors, string.format('no diagnostics within %d ms', timeout))
  end
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(result.diagnostics, {
      line = d.lnum,
      source = d.source or vim.NIL,
      code = d.code or lsp.code or vim.NIL,
      message = d.message,
    })
  end

  local params = { textDocument = vim.lsp.util.make_text_document_params(buf) }
  local responses, err = vim.lsp.buf_request_sync(buf, 'textDocument/documentSymbol', params, timeout)
  if not responses then
    table.insert(result.errors, 'documentSymbol: ' .. tostring(err))
  else
    for _, response in pairs(responses) do
      if response.err then
        table.insert(result.errors, 'documentSymbol: ' .. vim.inspect(response.err))
      end
      flatten(response.result, 0, result.symbols)
    end
  end
  vim.lsp.stop_client(client_id)
end

local ok, failure = pcall(check)
if not ok then
  table.insert(result.errors, tostring(failure))
end
local file = assert(io.open(out, 'w'))
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qall!')
