import { relative, sep } from 'node:path';
import { parseSpec, type SpecDocument } from '../../parse/spec-document';
import { lintDocument, lintText, type LintOptions } from '../../rules/lint';
import type { Finding } from '../../rules/types';
import type { Template } from '../../templates/template';
import type { Settings } from '../../settings';
import { isSpecFile } from '../../spec-files';
import type { Candidate } from './collect';
import { globPath, type ConfigLookup } from './config-lookup';
import { applyPreferredFixes, writeIfUnchanged } from './fix';
import { readText, type FileError } from './read-text';
import { reportFindings, type FileReport } from './report';

export interface LintFilesOptions {
  readonly cwd: string;
  readonly configs: ConfigLookup;
  /** Apply preferred fixes and write the files. */
  readonly fix: boolean;
  /** Called before each candidate, for a progress line. */
  readonly progress?: (done: number, total: number) => void;
  /** Called for problems that are not findings (a rule that crashed). */
  readonly notice?: (message: string) => void;
  /** The templates for a workspace folder (a config's folder or the Git top level), for template-aware rules. */
  readonly templates?: (base: string, settings: Settings) => Promise<readonly Template[]>;
}

/** How many times `--fix` lints and fixes one file before it stops. */
const MAX_FIX_PASSES = 10;

let optedIn: SpecDocument | undefined;
/** A document whose front matter opts it in: asks whether a path could be a spec at all. */
function anyOptedInDocument(): SpecDocument {
  optedIn ??= parseSpec('---\nspecwright: any\n---\n');
  return optedIn;
}

/**
 * Checks the candidates that are specs: every explicit file; otherwise files that match
 * `files`/`includeFiles` and not `excludeFiles`, or whose front matter has a
 * `specwright:` key (such files are read to find out, and skipped quietly when they
 * cannot be). Returns one report per spec, in path order.
 */
export async function lintFiles(candidates: readonly Candidate[], options: LintFilesOptions): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const [index, candidate] of candidates.entries()) {
    options.progress?.(index, candidates.length);
    let report: FileReport | undefined;
    try {
      report = await lintCandidate(candidate, options);
    } catch (error) {
      // A bug, not the file's fault; the other files are still checked.
      const message = `could not be checked: internal error (${error instanceof Error ? error.message : String(error)})`;
      report = { path: candidate.path, displayPath: displayPathOf(options.cwd, candidate.path), findings: [], fixed: 0, error: { code: 'internal', message } };
    }
    if (report) reports.push(report);
  }
  options.progress?.(candidates.length, candidates.length);
  return reports.sort((a, b) => (a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0));
}

async function lintCandidate(candidate: Candidate, options: LintFilesOptions): Promise<FileReport | undefined> {
  const { settings, base } = options.configs.forFile(candidate.path);
  const path = globPath(base, candidate.path);
  const byPath = candidate.explicit || isSpecFile(path, settings, undefined);
  const displayPath = displayPathOf(options.cwd, candidate.path);
  const failed = (error: FileError): FileReport => ({ path: candidate.path, displayPath, findings: [], fixed: 0, error });
  if (candidate.isDirectory) return byPath ? failed({ code: 'directory', message: 'is a folder, not a file' }) : undefined;
  if (!byPath && !isSpecFile(path, settings, anyOptedInDocument())) return undefined;
  const read = readText(candidate.path);
  if (!read.ok) return byPath ? failed(read.error) : undefined;
  const document = parseSpec(read.text);
  if (!byPath && !isSpecFile(path, settings, document)) return undefined;

  const lintOptions: LintOptions = {
    rules: settings.rules,
    templates: options.templates ? await options.templates(base, settings) : undefined,
    onRuleError: (rule, error) =>
      options.notice?.(`${displayPath}: rule ${rule.meta.id} failed (${error instanceof Error ? error.message : String(error)}); the other rules still ran`),
  };
  const findings = lintDocument(document, lintOptions);
  if (!options.fix) return { path: candidate.path, displayPath, findings: reportFindings(read.text, findings), fixed: 0 };

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
    const error = writeIfUnchanged(candidate.path, read.bytes, text);
    if (error) return { path: candidate.path, displayPath, findings: reportFindings(read.text, findings), fixed: 0, error };
  }
  return { path: candidate.path, displayPath, findings: reportFindings(text, remaining), fixed };
}

function displayPathOf(cwd: string, path: string): string {
  return relative(cwd, path).split(sep).join('/') || '.';
}
