// Finds and reads config files on disk. The parsing and validation are in
// config-file.ts; this is the file-system half, shared by the CLI and the server.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Settings } from '../core/config/settings';
import { CONFIG_FILE_NAMES, configToSettings, parseConfigFile, type ConfigProblem, type SpecwrightConfig } from '../core/config/config-file';

/** Config files larger than this are refused rather than parsed. */
const MAX_CONFIG_BYTES = 1024 * 1024;

/** A config file read from disk, with its paths resolved. All paths are absolute. */
export interface LoadedConfig {
  readonly path: string;
  /** The folder holding the file: globs and folders in it are relative to this. */
  readonly folder: string;
  /** The file's text (empty when it could not be read), which problem ranges index. */
  readonly text: string;
  readonly config: SpecwrightConfig;
  readonly problems: readonly ConfigProblem[];
  /** The config as editor settings over the defaults. */
  readonly settings: Settings;
  readonly specsFolder: string | undefined;
  readonly templateFolders: readonly string[];
}

/** The config file directly in `folder`, if any; `.yaml` wins over `.yml` over `.json`. */
export function configFileIn(folder: string): string | undefined {
  for (const name of CONFIG_FILE_NAMES) {
    const path = join(folder, name);
    if (statSync(path, { throwIfNoEntry: false })?.isFile()) return path;
  }
  return undefined;
}

/** Whether `folder` is the top of a Git working tree, where the search for a config file stops. */
export function isRepositoryRoot(folder: string): boolean {
  return existsSync(join(folder, '.git'));
}

/**
 * Finds the config file that applies to `start` (a file or folder): the nearest
 * `.specwright.{yaml,yml,json}` in its folder or above, up to the root of the Git
 * working tree (a folder holding `.git`) or of the file system.
 */
export function findConfigFile(start: string): string | undefined {
  const absolute = resolve(start);
  let folder = statSync(absolute, { throwIfNoEntry: false })?.isDirectory() ? absolute : dirname(absolute);
  for (;;) {
    const found = configFileIn(folder);
    if (found || isRepositoryRoot(folder)) return found;
    const parent = dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** Reads and validates a config file. Never throws: a file that cannot be read is a problem. */
export function loadConfigFile(path: string): LoadedConfig {
  const absolute = resolve(path);
  const folder = dirname(absolute);
  const read = readConfigText(absolute);
  const { config, problems } =
    typeof read === 'string' ? parseConfigFile(read, absolute) : { config: {}, problems: [read] };
  return {
    path: absolute,
    folder,
    text: typeof read === 'string' ? read : '',
    config,
    problems,
    settings: configToSettings(config),
    specsFolder: config.specsFolder === undefined ? undefined : resolveInside(folder, config.specsFolder),
    templateFolders: (config.templateFolders ?? []).map((relative) => resolveInside(folder, relative)),
  };
}

function resolveInside(folder: string, path: string): string {
  return isAbsolute(path) ? path : join(folder, path);
}

function readConfigText(path: string): string | ConfigProblem {
  const problem = (message: string): ConfigProblem => ({ message, range: { start: 0, end: 0 }, severity: 'error' });
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) return problem('Expected a config file, found a folder');
    if (stat.size > MAX_CONFIG_BYTES) return problem(`Expected a config file under ${MAX_CONFIG_BYTES} bytes, found ${stat.size}`);
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(readFileSync(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (error instanceof TypeError) return problem('Expected a UTF-8 text file, found invalid UTF-8');
    return problem(`Expected a readable config file, found ${code ?? String(error)}`);
  }
}
