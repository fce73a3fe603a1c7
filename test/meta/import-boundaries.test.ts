// Proves the import boundaries in eslint.config.mjs: the analysis core stays pure, the
// workspace layer and the command line never speak LSP, the rooms of the server import
// one way only (core <- workspace <- lsp, cli), the server never touches the `vscode`
// API, and client and server do not import each other.
// Lints snippets through ESLint's Node API under made-up file paths, so the real
// config decides, not a copy of it.
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { ESLint } from 'eslint';

const ROOT = resolve(__dirname, '../..');
const eslint = new ESLint({ cwd: ROOT, overrideConfigFile: join(ROOT, 'eslint.config.mjs') });

/** The `no-restricted-imports` messages ESLint reports for `code` placed at `filePath`. */
async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, filePath) });
  assert.ok(result, 'ESLint returned no result');
  const fatal = result.messages.filter((m) => m.fatal);
  assert.deepEqual(fatal, [], 'snippet did not parse');
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

const CORE_FILES = ['server/src/core/parse/x.ts', 'server/src/core/rules/x.ts', 'server/src/core/templates/x.ts', 'server/src/core/lint/x.ts'];

describe('import boundaries', () => {
  describe('the analysis core (server/src/core) is pure', () => {
    const forbidden = [
      "import * as fs from 'node:fs';",
      "import { readFile } from 'fs';",
      "import { readFile } from 'node:fs/promises';",
      "import { readFile } from 'fs/promises';",
      "import { spawn } from 'node:child_process';",
      "import * as vscode from 'vscode';",
      "import { LanguageClient } from 'vscode-languageclient/node';",
      "import { createConnection } from 'vscode-languageserver';",
      "import { createConnection } from 'vscode-languageserver/node';",
      "import type { Diagnostic } from 'vscode-languageserver-protocol';",
      "import { TextDocument } from 'vscode-languageserver-textdocument';",
      "import { createMessageConnection } from 'vscode-jsonrpc/node';",
      "export { readFileSync } from 'node:fs';",
      "import { WorkspaceIndex } from '../../workspace/workspace-index';",
      "import { startServer } from '../../lsp/server';",
      "import { runCli } from '../../cli/run';",
    ];
    for (const file of CORE_FILES) {
      for (const code of forbidden) {
        test(`${file}: ${code}`, async () => {
          const messages = await restrictedImports(code, file);
          assert.equal(messages.length, 1, `expected one report, found ${JSON.stringify(messages)}`);
          assert.match(messages[0] ?? '', /The analysis core is pure/);
        });
      }
    }

    test('allows pure dependencies, LSP value types and look-alike names', async () => {
      const code = [
        "import { parseDocument } from 'yaml';",
        "import { unified } from 'unified';",
        "import type { Range } from 'vscode-languageserver-types';",
        "import { join } from 'node:path';",
        "import { helper } from './vscode-helpers';",
        "import { fsLike } from './fs';",
        "import type { Rule } from '../lint/types';",
        'export const used = [parseDocument, unified, join, helper, fsLike] as const;',
        'export type Used = Range | Rule;',
      ].join('\n');
      assert.deepEqual(await restrictedImports(code, 'server/src/core/parse/x.ts'), []);
    });
  });

  describe('the workspace layer and the command line', () => {
    for (const file of ['server/src/workspace/x.ts', 'server/src/cli/x.ts', 'server/src/cli/lint/x.ts']) {
      test(`${file} may read files and use the core and LSP data types`, async () => {
        const code = [
          "import * as fs from 'node:fs';",
          "import type { Range } from 'vscode-languageserver-types';",
          "import { TextDocument } from 'vscode-languageserver-textdocument';",
          `import { parseSpec } from '${file.split('/').length === 5 ? '../../' : '../'}core/parse/spec-document';`,
          'export const used = [fs, TextDocument, parseSpec] as const;',
          'export type Used = Range;',
        ].join('\n');
        assert.deepEqual(await restrictedImports(code, file), []);
      });

      test(`${file} never speaks LSP or imports the language server`, async () => {
        const up = file.split('/').length === 5 ? '../../' : '../';
        for (const code of [
          "import { createConnection } from 'vscode-languageserver/node';",
          "import { createMessageConnection } from 'vscode-jsonrpc/node';",
          `import { startServer } from '${up}lsp/server';`,
        ]) {
          const messages = await restrictedImports(code, file);
          assert.equal(messages.length, 1, `${file}: ${code}`);
        }
      });
    }

    test('the workspace layer does not import the command line', async () => {
      const messages = await restrictedImports("import { runCli } from '../cli/run';", 'server/src/workspace/x.ts');
      assert.equal(messages.length, 1);
    });
  });

  describe('the language server (server/src/lsp)', () => {
    test('may read files, speak LSP and use the core and the workspace', async () => {
      const code = [
        "import * as fs from 'node:fs';",
        "import { createConnection } from 'vscode-languageserver/node';",
        "import { WorkspaceIndex } from '../workspace/workspace-index';",
        'export const used = [fs, createConnection, WorkspaceIndex] as const;',
      ].join('\n');
      assert.deepEqual(await restrictedImports(code, 'server/src/lsp/main.ts'), []);
      assert.deepEqual(await restrictedImports(code.replace('../workspace', '../../workspace'), 'server/src/lsp/features/x.ts'), []);
    });

    test('never imports the command line', async () => {
      const messages = await restrictedImports("import { runCli } from '../cli/run';", 'server/src/lsp/server.ts');
      assert.equal(messages.length, 1);
      assert.match(messages[0] ?? '', /separate entries/);
    });

    test('never imports the vscode API', async () => {
      for (const file of ['server/src/lsp/main.ts', 'server/src/lsp/features/x.ts', 'server/src/workspace/x.ts', 'server/src/cli/x.ts']) {
        for (const code of ["import * as vscode from 'vscode';", "import { LanguageClient } from 'vscode-languageclient/node';"]) {
          const messages = await restrictedImports(code, file);
          assert.equal(messages.length, 1, `${file}: ${code}`);
          assert.match(messages[0] ?? '', /only client\/src may import it/);
        }
      }
    });

    test('never imports the client, from the core either', async () => {
      for (const file of ['server/src/lsp/server.ts', 'server/src/core/rules/x.ts', 'server/src/workspace/x.ts', 'server/src/cli/x.ts']) {
        const messages = await restrictedImports("import { activate } from '../../client/src/extension';", file);
        assert.equal(messages.length, 1, file);
        assert.match(messages[0] ?? '', /must not import each other/);
      }
    });
  });

  describe('the client', () => {
    test('may import vscode and the language client', async () => {
      const code = [
        "import * as vscode from 'vscode';",
        "import { LanguageClient } from 'vscode-languageclient/node';",
        'export const used = [vscode, LanguageClient] as const;',
      ].join('\n');
      assert.deepEqual(await restrictedImports(code, 'client/src/extension.ts'), []);
    });

    test('never imports the server', async () => {
      for (const code of [
        "import { RULES } from '../../server/src/core/lint/registry';",
        "import type { Settings } from '../../../server/src/core/config/settings';",
      ]) {
        const messages = await restrictedImports(code, 'client/src/commands/x.ts');
        assert.equal(messages.length, 1, code);
        assert.match(messages[0] ?? '', /must not import each other/);
      }
    });
  });
});
