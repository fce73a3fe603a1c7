import type { Family } from '../core/families/family';
import type { RepositoryTemplate } from '../core/families/repository-template';
import { repositoryTemplatesFor, type RepositoryTemplateCache } from '../workspace/repository-templates';

const caches = new Map<string, { families: readonly Family[]; cache: RepositoryTemplateCache }>();

/**
 * The templates the repository at `base` (the folder the CLI treats as a workspace) keeps
 * for its families that the file at `path` (relative to `base`) may follow, nearest first.
 * Each folder is read once per thread.
 */
export function repositoryTemplatesForBase(base: string, path: string, families: readonly Family[]): Promise<RepositoryTemplate[]> {
  let entry = caches.get(base);
  if (!entry || entry.families !== families) caches.set(base, (entry = { families, cache: new Map() }));
  return repositoryTemplatesFor(base, path, families, entry.cache);
}
