import { configToSettings } from '../core/config/config-file';
import { configFileIn, loadConfigFile, type LoadedConfig } from './find-config';
import { pathOfFileUri } from './file-uri';
import type { Settings } from '../core/config/settings';

/**
 * The Specwright config file (`.specwright.yaml`, `.yml` or `.json`) at the root of
 * each workspace folder — the same file `specwright lint` reads — applied over the
 * editor settings, so the editor and CI agree. Read once per folder until a config
 * file changes.
 */
export class WorkspaceConfig {
  private readonly byFolder = new Map<string, LoadedConfig | null>();

  /** The config file of the workspace folder `folderUri`, if it has one. */
  configFor(folderUri: string | undefined): LoadedConfig | undefined {
    const folder = pathOfFileUri(folderUri);
    if (!folder) return undefined;
    let loaded = this.byFolder.get(folder);
    if (loaded === undefined) {
      const path = configFileIn(folder);
      loaded = path ? loadConfigFile(path) : null;
      this.byFolder.set(folder, loaded);
    }
    return loaded ?? undefined;
  }

  /**
   * Editor settings with the workspace folder's config file applied: what the file sets
   * wins, except that its template folders (resolved against the file's folder, which
   * they cannot leave) come after the user's own rather than replacing them.
   */
  apply(settings: Settings, folderUri: string | undefined): Settings {
    const loaded = this.configFor(folderUri);
    if (!loaded) return settings;
    const applied = configToSettings(loaded.config, settings);
    return { ...applied, templateFolders: [...settings.templateFolders, ...loaded.templateFolders] };
  }

  invalidate(): void {
    this.byFolder.clear();
  }
}
