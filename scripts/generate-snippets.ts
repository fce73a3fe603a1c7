// Writes snippets/markdown.code-snippets from the built-in templates: the fragments
// each manifest declares and each template's front-matter block. The snippet text
// is taken from the template files, so a template change shows up here, and
// test/templates/snippets.test.ts fails until this script is run again.
// Usage: npm run generate:snippets
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadTemplates, templateFolders } from '../server/src/workspace/template-store';
import { templateSnippets } from '../server/src/core/templates/snippets';
import { templatesOf } from '../server/src/core/templates/template-set';

export const SNIPPETS_FILE = join(__dirname, '..', 'snippets', 'markdown.code-snippets');

/** The snippets file's content, as JSON text. */
export async function buildSnippetsFile(): Promise<string> {
  const set = await loadTemplates(templateFolders(undefined, []));
  const file: Record<string, { prefix: string; description: string; body: string[] }> = {};
  for (const template of templatesOf(set)) {
    for (const snippet of templateSnippets(template)) {
      const key = `${snippet.name} (${template.manifest.label})`;
      file[key] = { prefix: snippet.prefix, description: snippet.description, body: snippet.body.replace(/\n$/, '').split('\n') };
    }
  }
  return `${JSON.stringify(file, null, 2)}\n`;
}

if (require.main === module) {
  void buildSnippetsFile().then((text) => {
    writeFileSync(SNIPPETS_FILE, text);
    console.log(`Wrote ${SNIPPETS_FILE}`);
  });
}
