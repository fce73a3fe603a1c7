import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInTemplatesFolder, loadTemplates, templateFolders } from '../../server/src/workspace/template-store';
import type { Template } from '../../server/src/core/templates/template';
import { templatesOf } from '../../server/src/core/templates/template-set';

export const repository = join(__dirname, '../..');
export const templatesFolder = builtInTemplatesFolder();

/** The built-in templates, loaded the way the server and the CLI load them. */
export async function builtInTemplates(): Promise<Template[]> {
  const set = await loadTemplates(templateFolders(undefined, []));
  if (set.problems.length > 0) throw new Error(`built-in templates have problems: ${JSON.stringify(set.problems)}`);
  return templatesOf(set);
}

/** A filled-in spec written from each built-in spec template. */
export const FILLED: Readonly<Record<string, string>> = {
  'feature-spec': 'test/fixtures/seeds/filled/000-feature-spec.md',
  'feature-implementation': 'test/fixtures/seeds/filled/001-feature-specification.md',
  'technical-spec': 'test/fixtures/templates/technical-spec.md',
  'production-spec': 'test/fixtures/seeds/filled/003-production-spec.md',
  'technical-design': 'test/fixtures/seeds/filled/004-technical-specification.md',
};

export function readRepositoryFile(path: string): string {
  return readFileSync(join(repository, path), 'utf8');
}

/**
 * What an editor shows when a snippet is inserted and every tab stop is left at
 * its default: `${n:text}` → text, `${n|a,b|}` → a (with `choice: 'last'`, b: the
 * template's own text, which choice lists put last), escapes undone. Written from
 * the snippet grammar so a test can check a snippet against its plain text.
 */
export function snippetDefaults(snippet: string, choice: 'first' | 'last' = 'first'): string {
  let out = '';
  let i = 0;
  const readUntil = (stops: string): string => {
    let value = '';
    while (i < snippet.length && !stops.includes(snippet[i] as string)) {
      if (snippet[i] === '\\' && i + 1 < snippet.length) {
        value += snippet[i + 1];
        i += 2;
      } else if (snippet.startsWith('${', i)) {
        value += readStop();
      } else {
        value += snippet[i++];
      }
    }
    return value;
  };
  const readStop = (): string => {
    i += 2;
    while (/\d/.test(snippet[i] as string)) i++;
    if (snippet[i] === ':') {
      i++;
      const value = readUntil('}');
      i++;
      return value;
    }
    if (snippet[i] === '|') {
      i++;
      const first = readUntil(',|');
      let last = first;
      while (snippet[i] === ',') {
        i++;
        last = readUntil(',|');
      }
      i += 2;
      return choice === 'first' ? first : last;
    }
    throw new Error(`unexpected snippet syntax at ${i}: ${snippet.slice(i, i + 20)}`);
  };
  while (i < snippet.length) out += readUntil('');
  return out;
}
