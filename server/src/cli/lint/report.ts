import type { Finding, Severity } from '../../core/lint/types';
import { positionFinder, type TextPosition } from './positions';
import type { FileError } from './read-text';

/** A finding as the CLI reports it: positions resolved, fixes reduced to whether there is one. */
export interface ReportedFinding {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly start: TextPosition;
  readonly end: TextPosition;
  /** Has a preferred fix, which `--fix` applies. */
  readonly fixable: boolean;
  readonly data?: Readonly<Record<string, unknown>>;
}

/** One file the lint command checked, or tried to. */
export interface FileReport {
  /** Absolute. */
  readonly path: string;
  /** Relative to the working directory, with `/` separators. */
  readonly displayPath: string;
  readonly findings: readonly ReportedFinding[];
  /** How many findings `--fix` resolved and wrote. */
  readonly fixed: number;
  /** Set when the file could not be checked, or its fixes could not be written. */
  readonly error?: FileError;
}

/** A problem in a config file, positioned in that file. */
export interface ConfigProblemReport {
  readonly path: string;
  readonly displayPath: string;
  readonly line: number;
  readonly column: number;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

/** Everything a formatter needs. */
export interface LintReport {
  /** Absolute: where relative paths start. */
  readonly cwd: string;
  /** Sorted by `displayPath`. */
  readonly files: readonly FileReport[];
  readonly configProblems: readonly ConfigProblemReport[];
}

export interface Summary {
  readonly files: number;
  readonly errors: number;
  readonly warnings: number;
  readonly information: number;
  readonly hints: number;
  readonly fixable: number;
  readonly fixed: number;
  /** Files that could not be checked or written. */
  readonly fileErrors: number;
}

export function reportFindings(text: string, findings: readonly Finding[]): ReportedFinding[] {
  const at = positionFinder(text);
  return findings.map((finding) => ({
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    start: at(finding.range.start),
    end: at(finding.range.end),
    fixable: finding.fixes?.some((fix) => fix.preferred) ?? false,
    ...(finding.data ? { data: finding.data } : {}),
  }));
}

export function summarize(files: readonly FileReport[]): Summary {
  const findings = files.flatMap((file) => file.findings);
  const count = (severity: Severity) => findings.filter((finding) => finding.severity === severity).length;
  return {
    files: files.length,
    errors: count('error'),
    warnings: count('warning'),
    information: count('information'),
    hints: count('hint'),
    fixable: findings.filter((finding) => finding.fixable).length,
    fixed: files.reduce((sum, file) => sum + file.fixed, 0),
    fileErrors: files.filter((file) => file.error).length,
  };
}
