import type { Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, extractSection, normalizeSettings, type Settings } from '../core/config/settings';

/**
 * Settings per document. Pulled from the client with `workspace/configuration` when it
 * supports that (scoped to the document, so folder settings apply), otherwise taken
 * from `initializationOptions` and `workspace/didChangeConfiguration`. Cached until
 * the client says settings changed.
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
  ) {
    if (initial !== undefined) this.global = normalizeSettings(extractSection(initial));
  }

  /** The settings that apply to the document at `uri`. */
  get(uri: string): Promise<Settings> {
    if (!this.canPull) return Promise.resolve(this.adjust(this.global, uri));
    let pending = this.cache.get(uri);
    if (!pending) {
      pending = this.connection.workspace
        .getConfiguration({ scopeUri: uri, section: 'specwright' })
        .then(normalizeSettings, () => this.global);
      this.cache.set(uri, pending);
    }
    return pending.then((settings) => this.adjust(settings, uri));
  }

  /** Handles `workspace/didChangeConfiguration`: forget cached settings. */
  changed(pushed: unknown): void {
    this.cache.clear();
    if (!this.canPull && pushed !== undefined && pushed !== null) this.global = normalizeSettings(extractSection(pushed));
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }
}
