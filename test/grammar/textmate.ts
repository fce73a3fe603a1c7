// Tokenizes Markdown the way VS Code does: vscode-textmate and vscode-oniguruma, tm-grammars'
// copy of VS Code's Markdown grammar with every grammar it embeds that tm-grammars has, and the
// placeholder injection. Shared by the grammar tests; not a test itself.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar, type StateStack } from 'vscode-textmate';

/** The Markdown grammar's scope name. */
export const MARKDOWN_SCOPE = 'text.html.markdown';

let oniguruma: Promise<void> | undefined;

/** Loads Oniguruma's WebAssembly once per process; OnigScanner and OnigString work after it resolves. */
export function loadOniguruma(): Promise<void> {
  oniguruma ??= (async () => {
    const wasm = readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm'));
    await loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  })();
  return oniguruma;
}

/**
 * Loads the Markdown grammar with `injection` (the JSON text of an injection grammar)
 * registered for it, as package.json's `injectTo` does in VS Code.
 */
export async function loadMarkdownGrammar(injection: string): Promise<IGrammar> {
  await loadOniguruma();
  const { grammars } = await import('tm-grammars');
  const files = new Map(grammars.map((info) => [info.scopeName, `${info.name}.json`]));
  const folder = dirname(require.resolve('tm-grammars/grammars/markdown.json'));
  const injected = parseRawGrammar(injection, 'injection.json');
  const registry = new Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new OnigScanner(sources),
      createOnigString: (text: string) => new OnigString(text),
    }),
    loadGrammar: async (scopeName) => {
      if (scopeName === injected.scopeName) return injected;
      const file = files.get(scopeName);
      return file ? parseRawGrammar(readFileSync(join(folder, file), 'utf8'), file) : null;
    },
    getInjections: (scopeName) => (scopeName === MARKDOWN_SCOPE ? [injected.scopeName] : undefined),
  });
  const grammar = await registry.loadGrammar(MARKDOWN_SCOPE);
  if (!grammar) throw new Error(`tm-grammars has no ${MARKDOWN_SCOPE} grammar`);
  return grammar;
}

/** Splits text into lines as VS Code does: at `\r\n`, `\r` or `\n`, without the breaks. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** One token that carries a `.specwright` scope. Columns are UTF-16 code units; end is exclusive. */
export interface PlaceholderToken {
  /** 0-based line. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  /** The token's `.specwright` scope. */
  readonly scope: string;
}

/** Tokenizes `text` line by line and returns the tokens that carry a `.specwright` scope, in order. */
export function placeholderTokens(grammar: IGrammar, text: string): PlaceholderToken[] {
  const found: PlaceholderToken[] = [];
  let state: StateStack = INITIAL;
  splitLines(text).forEach((lineText, line) => {
    const result = grammar.tokenizeLine(lineText, state);
    state = result.ruleStack;
    for (const token of result.tokens) {
      const scope = token.scopes.find((name) => name.endsWith('.specwright'));
      if (!scope) continue;
      const end = Math.min(token.endIndex, lineText.length);
      found.push({ line, start: token.startIndex, end, text: lineText.slice(token.startIndex, end), scope });
    }
  });
  return found;
}

/**
 * Renders a snapshot: `header`, then every line of `text` after its 1-based number, each
 * followed by its placeholder tokens as `= col <1-based UTF-16 column> "<text>" <scope>`.
 * LF line endings and a trailing newline, whatever the text's line endings.
 */
export function renderSnapshot(header: string, text: string, tokens: readonly PlaceholderToken[]): string {
  const lines = splitLines(text);
  const width = String(lines.length).length;
  const out = [header];
  lines.forEach((lineText, line) => {
    out.push(`${String(line + 1).padStart(width)} | ${lineText}`.trimEnd());
    for (const token of tokens.filter((t) => t.line === line)) {
      out.push(`${' '.repeat(width)} = col ${token.start + 1} ${JSON.stringify(token.text)} ${token.scope}`);
    }
  });
  return `${out.join('\n')}\n`;
}
