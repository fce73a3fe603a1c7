import { pathOfFileUri } from './file-uri';
import type { SpecDocument } from '../core/parse/spec-document';
import { loadTemplates, templateFolders } from './template-store';
import { redetectTemplate, type TemplateChoice } from '../core/templates/detect';
import type { Template } from '../core/templates/template';
import { templatesOf, type TemplateSet } from '../core/templates/template-set';

/**
 * The templates of each workspace folder, loaded once and kept until a template
 * file or the template-folder setting changes. Which template a document follows
 * is computed per parsed document version and cached with it.
 */
export class TemplateService {
  private readonly sets = new Map<string, Promise<TemplateSet>>();
  private readonly choices = new WeakMap<SpecDocument, { set: TemplateSet; choice: TemplateChoice | undefined }>();
  /** The last choice made for each document, to start the next version's from. */
  private readonly latest = new Map<string, { set: TemplateSet; document: SpecDocument; choice: TemplateChoice | undefined }>();
  private userFolders: readonly string[] = [];

  constructor(
    private readonly folderOf: (uri: string) => string | undefined,
    private readonly log: (message: string) => void,
  ) {}

  /** The template set for the workspace folder holding `uri` (or no folder). */
  setFor(uri: string | undefined): Promise<TemplateSet> {
    const folderUri = uri === undefined ? undefined : this.folderOf(uri);
    const folder = pathOfFileUri(folderUri);
    const key = folder ?? '';
    let pending = this.sets.get(key);
    if (!pending) {
      pending = loadTemplates(templateFolders(folder, this.userFolders)).then((set) => {
        for (const problem of set.problems) this.log(`Template problem in ${problem.location}: ${problem.message}`);
        return set;
      });
      this.sets.set(key, pending);
    }
    return pending;
  }

  async templatesFor(uri: string | undefined): Promise<Template[]> {
    return templatesOf(await this.setFor(uri));
  }

  /**
   * The template a parsed document follows, if any. The document is asked for once the
   * templates are read: a version parsed meanwhile takes over the tree of the one before it,
   * so a document taken earlier could be stale, and the next version's choice starts from this one.
   */
  async choiceFor(uri: string, parsed: () => SpecDocument): Promise<TemplateChoice | undefined> {
    const set = await this.setFor(uri);
    const spec = parsed();
    const cached = this.choices.get(spec);
    if (cached && cached.set === set) return cached.choice;
    const last = this.latest.get(uri);
    const choice = redetectTemplate(spec, templatesOf(set), last && last.set === set ? last : undefined);
    this.choices.set(spec, { set, choice });
    this.latest.set(uri, { set, document: spec, choice });
    return choice;
  }

  /** A document closed: forget its last choice. */
  forget(uri: string): void {
    this.latest.delete(uri);
  }

  /** User-level template folders (absolute paths); changing them reloads every set. */
  setUserFolders(folders: readonly string[]): void {
    if (folders.join('\u0000') === this.userFolders.join('\u0000')) return;
    this.userFolders = [...folders];
    this.invalidate();
  }

  /** Forget every loaded set, for example after a template file changed. */
  invalidate(): void {
    this.sets.clear();
  }
}

/** Whether a file URI is part of a template source, so a change to it must reload templates. */
export function isTemplateFile(uri: string): boolean {
  return /\/\.(?:specwright|specify)\/templates\//.test(uri);
}
