import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { configFileIn, isRepositoryRoot, loadConfigFile, type LoadedConfig } from '../../workspace/find-config';
import { DEFAULT_SETTINGS, type Settings } from '../../core/config/settings';
import { isExcludedPath } from '../../workspace/spec-files';

/** The settings that apply to one file, and the folder its globs are relative to. */
export interface FileSettings {
  readonly settings: Settings;
  /**
   * Absolute: the config file's folder; without one, the top of the file's Git working
   * tree (what an editor would open as the workspace folder), else the working directory.
   */
  readonly base: string;
}

/** What the search from one folder upwards found (the root only when no config file came first). */
interface Found {
  readonly config: LoadedConfig | undefined;
  readonly repositoryRoot: string | undefined;
}

/**
 * Which config applies to which file. With `--config` one file applies everywhere; with
 * `--no-config` none does; otherwise each file gets the nearest config file above it
 * (up to the top of its Git working tree), read once per run.
 */
export class ConfigLookup {
  private readonly byFolder = new Map<string, Found>();
  private readonly byPath = new Map<string, LoadedConfig>();
  private readonly fixed: LoadedConfig | undefined;

  constructor(
    private readonly mode: { readonly kind: 'search' } | { readonly kind: 'none' } | { readonly kind: 'fixed'; readonly path: string },
    private readonly cwd: string,
  ) {
    if (mode.kind === 'fixed') this.fixed = this.load(mode.path);
  }

  /** Every config file read so far, for their problems. */
  get loaded(): readonly LoadedConfig[] {
    return [...this.byPath.values()];
  }

  forFile(path: string): FileSettings {
    if (this.fixed) return { settings: this.fixed.settings, base: this.fixed.folder };
    const found = this.search(dirname(path));
    if (found.config && this.mode.kind === 'search') return { settings: found.config.settings, base: found.config.folder };
    return { settings: DEFAULT_SETTINGS, base: found.repositoryRoot ?? this.cwd };
  }

  /**
   * Whether the settings that govern `folder` from above exclude everything in it, so a
   * walk need not enter it: a folder of test fixtures that the repository's config
   * excludes is never walked, and the configs inside it are never read (as ESLint does
   * not descend into ignored folders).
   */
  excludesFolder(folder: string): boolean {
    const parent = dirname(folder);
    if (parent === folder) return false;
    // The settings of a file in the parent folder (`join(parent, '.')` would be the parent
    // itself, whose settings are those of the folder above it).
    const { settings, base } = this.forFile(join(parent, '.specwright-probe.md'));
    return isExcludedPath(`${globPath(base, folder)}/.specwright-probe.md`, settings);
  }

  // Walks up to the first config file or the top of the working tree, caching every folder passed.
  private search(folder: string): Found {
    const visited: string[] = [];
    let found: Found = { config: undefined, repositoryRoot: undefined };
    for (let current = folder; ; current = dirname(current)) {
      const cached = this.byFolder.get(current);
      if (cached) {
        found = cached;
        break;
      }
      visited.push(current);
      const file = this.mode.kind === 'search' ? configFileIn(current) : undefined;
      const atTop = isRepositoryRoot(current);
      if (file || atTop) {
        found = { config: file ? this.load(file) : undefined, repositoryRoot: atTop ? current : undefined };
        break;
      }
      if (dirname(current) === current) break;
    }
    for (const current of visited) this.byFolder.set(current, found);
    return found;
  }

  private load(path: string): LoadedConfig {
    let config = this.byPath.get(path);
    if (!config) {
      config = loadConfigFile(path);
      this.byPath.set(path, config);
    }
    return config;
  }
}

/**
 * The path that globs are matched against: relative to `base` with `/` separators, or,
 * for a file outside it, its absolute path without the leading `/` (as the editor does
 * for files outside every workspace folder), so `**`-prefixed globs still apply.
 */
export function globPath(base: string, path: string): string {
  const rel = relative(base, path);
  if (rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel)) return rel.split(sep).join('/');
  return path.split(sep).join('/').replace(/^([A-Za-z]:)?\/+/, '');
}
