import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import type { Settings } from '../core/config/settings';
import { loadTemplates, templateFolders } from '../workspace/template-store';
import type { TemplateSet } from '../core/templates/template-set';

const cache = new Map<string, Promise<TemplateSet>>();

/**
 * The templates for a folder the CLI treats as a workspace (a config file's folder, or
 * the top of the Git working tree): built-in, the config's `templateFolders`
 * (relative to that folder, which the config schema keeps inside it), spec-kit's and
 * the workspace's own. Loaded once per folder.
 */
export function templatesForBase(base: string, settings: Settings): Promise<TemplateSet> {
  const key = templatesKey(base, settings);
  let pending = cache.get(key);
  if (!pending) {
    pending = loadTemplates(templateFolders(base, userFolders(base, settings)));
    cache.set(key, pending);
  }
  return pending;
}

/** Which set of templates {@link templatesForBase} gives for `base` and `settings`: equal keys, the same set. */
export function templatesKey(base: string, settings: Settings): string {
  return [base, ...userFolders(base, settings)].join('\u0000');
}

function userFolders(base: string, settings: Settings): string[] {
  return settings.templateFolders.map((folder) => resolve(base, folder));
}

/** `git config user.name` in `cwd`, or empty. */
export function gitUserName(cwd: string): Promise<string> {
  return new Promise((done) => {
    execFile('git', ['config', 'user.name'], { cwd, timeout: 2000, windowsHide: true }, (error, stdout) => done(error ? '' : stdout.trim()));
  });
}
