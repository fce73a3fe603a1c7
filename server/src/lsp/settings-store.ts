import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, extractSection, normalizeSettings, type Settings } from '../core/config/settings';

/**
 * Settings per document. Pulled from the client with `workspace/configuration` when it
 * supports that, otherwise taken from `initializationOptions` and
 * `workspace/didChangeConfiguration`. Cached until the client says settings changed.
 *
 * A document in a workspace folder has that folder's settings (VS Code's resource settings
 * differ by folder, not by file), so they are asked once per folder, scoped to the folder,
 * and can be asked before any document opens ({@link prefetch}): the first check of a spec
 * then does not wait for a round trip to an editor busy opening it. A document outside
 * every folder is asked for on its own.
 */
export class SettingsStore {
  private readonly cache = new Map<string, Promise<Settings>>();
  private global: Settings = DEFAULT_SETTINGS;

  constructor(
    private readonly connection: Connection,
    private readonly canPull: boolean,
    initial: unknown,
    /** Applied to the client's settings for a document, e.g. the workspace's config file. */
    private readonly adjust: (settings: Settings, uri: string) => Settings = (settings) => settings,
    /** The workspace folder holding `uri`, if any. */
    private readonly folderOf: (uri: string) => string | undefined = () => undefined,
  ) {
    if (initial !== undefined) this.global = normalizeSettings(extractSection(initial));
  }

  /** The settings that apply to the document at `uri`. */
  get(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.adjust(this.global, uri));
    return this.pulled(this.folderOf(uri) ?? uri).then((settings) => this.adjust(settings, uri));
  }

  /** Asks for each folder's settings now, so that they are in when its first document opens. */
  prefetch(folders: readonly string[]): Promise<unknown> {
    return this.canPull ? Promise.all(folders.map((folder) => this.pulled(folder))) : Promise.resolve();
  }

  private pulled(scopeUri: string): Promise<Settings> {
    let pending = this.cache.get(scopeUri);
    if (!pending) {
      pending = this.connection.workspace.getConfiguration({ scopeUri, section: 'specwright' }).then(normalizeSettings, () => this.global);
      this.cache.set(scopeUri, pending);
    }
    return pending;
  }

  /** Handles `workspace/didChangeConfiguration`: forget cached settings. */
  changed(pushed: unknown): void {
    this.cache.clear();
    if (!this.canPull && pushed !== undefined && pushed !== null) this.global = normalizeSettings(extractSection(pushed));
  }

  /** A document closed: settings asked for it alone (outside every folder) are forgotten. */
  forget(uri: string): void {
    if (this.folderOf(uri) === undefined) this.cache.delete(uri);
  }
}
