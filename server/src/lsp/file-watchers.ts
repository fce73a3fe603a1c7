import { DidChangeWatchedFilesNotification, type Connection, type Disposable, type FileSystemWatcher } from 'vscode-languageserver';
import { CODE_EXTENSIONS } from '../../../common/src/code-files';
import type { Settings } from '../core/config/settings';

/**
 * The files whose changes on disk the server follows: specs, templates, config files, the
 * trace lock, and the test and source files the trace globs name. A client that can
 * register file watchers (`workspace/didChangeWatchedFiles` with dynamic registration)
 * is asked for them; a client that watches files itself says so in its initialization
 * options (`watchesFiles: true`, as Specwright's VS Code extension does for these globs
 * with the default code extensions) and is asked only for the trace globs beyond those.
 */
export const WATCHED_BY_DEFAULT: readonly string[] = [
  '**/*.md',
  '**/.specwright/templates/**',
  '**/.specify/templates/**',
  '**/openspec/{AGENTS.md,config.yaml,config.yml,schemas/**}',
  '**/.specwright.{yaml,yml,json}',
  '**/.specwright/trace.lock',
  `**/*.{${CODE_EXTENSIONS.join(',')}}`,
];

export interface FileWatcherOptions {
  readonly connection: Connection;
  /** The client registers watchers on request. */
  readonly canRegister: boolean;
  /** The client takes relative patterns (a base folder and a glob). */
  readonly relativePatterns: boolean;
  /** The client watches {@link WATCHED_BY_DEFAULT} itself. */
  readonly clientWatches: boolean;
  readonly folders: () => readonly string[];
  readonly settings: (folder: string) => Promise<Settings>;
  readonly log: (message: string) => void;
}

/** Registers the watchers, and registers them again when settings change what they are. */
export function fileWatchers(options: FileWatcherOptions): { update(): Promise<void> } {
  let registered: { key: string; disposable: Promise<Disposable> } | undefined;
  let queue: Promise<void> = Promise.resolve();

  const watchers = async (): Promise<FileSystemWatcher[]> => {
    const found: FileSystemWatcher[] = options.clientWatches ? [] : WATCHED_BY_DEFAULT.map((globPattern) => ({ globPattern }));
    const seen = new Set(found.map((watcher) => JSON.stringify(watcher)));
    for (const folder of options.folders()) {
      const settings = await options.settings(folder);
      for (const glob of settings.traceFiles) {
        // The trace globs are relative to the workspace folder; a default one is watched already, a negation adds nothing.
        if (WATCHED_BY_DEFAULT.includes(glob) || glob.startsWith('!')) continue;
        const watcher: FileSystemWatcher = options.relativePatterns
          ? { globPattern: { baseUri: folder, pattern: glob } }
          : { globPattern: glob.startsWith('**/') ? glob : `**/${glob}` };
        const key = JSON.stringify(watcher);
        if (seen.has(key)) continue;
        seen.add(key);
        found.push(watcher);
      }
    }
    return found;
  };

  const update = async (): Promise<void> => {
    const wanted = await watchers();
    const key = JSON.stringify(wanted);
    if (registered?.key === key) return;
    const previous = registered;
    registered = undefined;
    if (previous) (await previous.disposable).dispose();
    if (wanted.length === 0) return;
    const disposable = options.connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: wanted });
    registered = { key, disposable };
    await disposable.catch((error: unknown) => options.log(`Could not ask the editor to watch files: ${error instanceof Error ? error.message : String(error)}`));
  };

  return {
    update() {
      if (!options.canRegister) return Promise.resolve();
      // One registration at a time, in the order asked.
      queue = queue.then(update, update);
      return queue;
    },
  };
}
