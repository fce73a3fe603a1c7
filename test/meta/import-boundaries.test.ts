// Proves the import boundaries in eslint.config.mjs: the analysis core stays pure, the
// server never touches the `vscode` API, and client and server do not import each other.
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

const CORE_FILES = ['server/src/parse/x.ts', 'server/src/rules/x.ts', 'server/src/templates/x.ts'];

describe('import boundaries', () => {
  describe('the analysis core (parse, rules, templates) is pure', () => {
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
        "import type { Rule } from '../rules/types';",
        'export const used = [parseDocument, unified, join, helper, fsLike] as const;',
        'export type Used = Range | Rule;',
      ].join('\n');
      assert.deepEqual(await restrictedImports(code, 'server/src/parse/x.ts'), []);
    });
  });

  describe('the rest of the server', () => {
    test('may read files and speak LSP', async () => {
      const code = [
        "import * as fs from 'node:fs';",
        "import { createConnection } from 'vscode-languageserver/node';",
        'export const used = [fs, createConnection] as const;',
      ].join('\n');
      assert.deepEqual(await restrictedImports(code, 'server/src/main.ts'), []);
      assert.deepEqual(await restrictedImports(code, 'server/src/features/x.ts'), []);
    });

    test('never imports the vscode API', async () => {
      for (const file of ['server/src/main.ts', 'server/src/features/x.ts']) {
        for (const code of ["import * as vscode from 'vscode';", "import { LanguageClient } from 'vscode-languageclient/node';"]) {
          const messages = await restrictedImports(code, file);
          assert.equal(messages.length, 1, `${file}: ${code}`);
          assert.match(messages[0] ?? '', /only client\/src may import it/);
        }
      }
    });

    test('never imports the client, from the core either', async () => {
      for (const file of ['server/src/server.ts', 'server/src/rules/x.ts']) {
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
        "import type { Settings } from '../../../server/src/settings';",
      ]) {
        const messages = await restrictedImports(code, 'client/src/commands/x.ts');
        assert.equal(messages.length, 1, code);
        assert.match(messages[0] ?? '', /must not import each other/);
      }
    });
  });
});
