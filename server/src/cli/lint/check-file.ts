import { relative, sep } from 'node:path';
import { parseSpec, type SpecDocument } from '../../core/parse/spec-document';
import { lintDocument, lintText, type LintOptions } from '../../core/lint/lint';
import type { Finding } from '../../core/lint/types';
import type { Settings } from '../../core/config/settings';
import { isSpecFile } from '../../workspace/spec-files';
import { templatesOf } from '../../core/templates/template-set';
import { templatesForBase, templatesKey } from '../templates';
import { familiesForBase } from '../conventions';
import { repositoryTemplatesForBase } from '../repository-templates';
import { applyPreferredFixes, writeIfUnchanged } from './fix';
import type { KeptDocuments } from './kept-documents';
import { readText, type FileError } from './read-text';
import { reportFindings, type FileReport } from './report';
import { lintContextOf, type WorkspaceData } from './workspace-context';

// Checking one candidate file, the same on the main thread and in a worker thread:
// everything here is plain data in and plain data out, so it crosses threads as is.

/** A candidate that has to be read to be checked (or to find out whether it is a spec). */
export interface CheckTask {
  /** Position among the run's candidates: results are put back in this order. */
  readonly index: number;
  /** Absolute. */
  readonly path: string;
  /** Checked whatever its front matter says: named on the command line, or matched by the settings' globs. */
  readonly byPath: boolean;
  /** The path the settings' globs and the families' layouts see (see `specPath`). */
  readonly globPath: string;
  /** The path relative to `base` (see `globPath`), where its repository's templates are looked for. */
  readonly relativePath: string;
  /** Index into the run's table of settings. */
  readonly settings: number;
  /** The folder the settings are relative to, which is also the workspace its templates come from. */
  readonly base: string;
}

/** What checking one candidate produced. */
export interface CheckResult {
  readonly index: number;
  /** Undefined when the candidate turned out not to be a spec. */
  readonly report?: FileReport;
  /** Which set of templates the file was checked with (its first use reports the set's problems). */
  readonly templates?: string;
  /** Problems with that set of templates, ready to print: sent with the first result in a thread that used it. */
  readonly templateNotices?: readonly string[];
  /** Problems that are not findings (a rule that crashed), ready to print, in the order they happened. */
  readonly notices: readonly string[];
}

/** How many times `--fix` lints and fixes one file before it stops. */
const MAX_FIX_PASSES = 10;

let optedIn: SpecDocument | undefined;
/** A document whose front matter opts it in: asks whether a path could be a spec at all. */
export function anyOptedInDocument(): SpecDocument {
  optedIn ??= parseSpec('---\nspecwright: any\n---\n');
  return optedIn;
}

export function displayPathOf(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join('/') || '.';
}

/** The report of a candidate that could not be checked because of a bug, not because of the file. */
export function internalErrorReport(cwd: string, path: string, error: unknown): FileReport {
  const message = `could not be checked: internal error (${error instanceof Error ? error.message : String(error)})`;
  return { path, displayPath: displayPathOf(cwd, path), findings: [], fixed: 0, error: { code: 'internal', message } };
}

/**
 * Starts reading what checking the tasks will need from disk (each workspace's templates and
 * conventions, and the repository templates of each folder up from a task), without waiting:
 * the reads then run while the thread parses, instead of one after another between checks.
 * What they find is cached where {@link Checker} looks; a failure shows there, not here.
 */
export function prefetchWorkspaceParts(groups: readonly (readonly CheckTask[])[], settingsTable: readonly Settings[]): void {
  const seen = new Set<string>();
  for (const task of groups.flat()) {
    const folder = `${task.base}\u0000${task.settings}\u0000${task.relativePath.slice(0, task.relativePath.lastIndexOf('/') + 1)}`;
    if (seen.has(folder)) continue;
    seen.add(folder);
    const settings = settingsTable[task.settings] as Settings;
    templatesForBase(task.base, settings).catch(() => undefined);
    familiesForBase(task.base)
      .then(({ families }) => repositoryTemplatesForBase(task.base, task.relativePath, families))
      .catch(() => undefined);
  }
}

/** Checks candidates one at a time, loading each workspace's templates once. One per thread. */
export class Checker {
  private readonly reportedTemplates = new Set<string>();

  constructor(
    private readonly cwd: string,
    private readonly fix: boolean,
    private readonly settingsTable: readonly Settings[],
    /** Per workspace folder (a task's `base`), what it knows of its specs, when a rule needs it. */
    private readonly workspaces: ReadonlyMap<string, WorkspaceData> = new Map(),
    /** Documents the workspace read parsed already, on this thread. */
    private readonly kept?: KeptDocuments,
  ) {}

  /** Never throws: a bug shows as the file's internal error. */
  async check(task: CheckTask): Promise<CheckResult> {
    const notices: string[] = [];
    let templates: string | undefined;
    let templateNotices: string[] | undefined;
    let report: FileReport | undefined;
    try {
      const settings = this.settingsTable[task.settings] as Settings;
      report = await this.lint(task, settings, notices, async () => {
        const set = await templatesForBase(task.base, settings);
        const { families, problems } = await familiesForBase(task.base);
        templates = templatesKey(task.base, settings);
        if (!this.reportedTemplates.has(templates)) {
          this.reportedTemplates.add(templates);
          templateNotices = [...set.problems, ...problems].map((problem) => `${displayPathOf(this.cwd, problem.location)}: ${problem.message}`);
        }
        const repositoryTemplates = await repositoryTemplatesForBase(task.base, task.relativePath, families);
        return { templates: templatesOf(set), families, ...(repositoryTemplates.length > 0 ? { repositoryTemplates } : {}) };
      });
    } catch (error) {
      // A bug, not the file's fault; the other files are still checked.
      report = internalErrorReport(this.cwd, task.path, error);
    }
    return { index: task.index, report, notices, ...(templates !== undefined ? { templates } : {}), ...(templateNotices ? { templateNotices } : {}) };
  }

  private async lint(
    task: CheckTask,
    settings: Settings,
    notices: string[],
    workspaceParts: () => Promise<Pick<LintOptions, 'templates' | 'families' | 'repositoryTemplates'>>,
  ): Promise<FileReport | undefined> {
    const displayPath = displayPathOf(this.cwd, task.path);
    const failed = (error: FileError): FileReport => ({ path: task.path, displayPath, findings: [], fixed: 0, error });
    const read = readText(task.path);
    if (!read.ok) return task.byPath ? failed(read.error) : undefined;
    const document = this.kept?.take(task.path, read.text) ?? parseSpec(read.text);
    if (!task.byPath && !isSpecFile(task.globPath, settings, document)) return undefined;

    const workspace = this.workspaces.get(task.base);
    const lintOptions: LintOptions = {
      rules: settings.rules,
      path: task.globPath,
      idPrefixes: settings.idPrefixes,
      ...(workspace ? lintContextOf(workspace, task.base, task.path) : {}),
      ...(await workspaceParts()),
      onRuleError: (rule, error) =>
        notices.push(`${displayPath}: rule ${rule.meta.id} failed (${error instanceof Error ? error.message : String(error)}); the other rules still ran`),
    };
    const findings = lintDocument(document, lintOptions);
    if (!this.fix) return { path: task.path, displayPath, findings: reportFindings(read.text, findings), fixed: 0 };

    let text = read.text;
    let remaining: Finding[] = findings;
    let fixed = 0;
    for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
      const next = applyPreferredFixes(text, remaining);
      if (next.applied === 0 || next.text === text) break;
      text = next.text;
      fixed += next.applied;
      remaining = lintText(text, lintOptions);
    }
    if (fixed > 0) {
      const error = writeIfUnchanged(task.path, read.bytes, text);
      if (error) return { path: task.path, displayPath, findings: reportFindings(read.text, findings), fixed: 0, error };
    }
    return { path: task.path, displayPath, findings: reportFindings(text, remaining), fixed };
  }
}
