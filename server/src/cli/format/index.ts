import type { LintReport } from '../lint/report';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish } from './stylish';

export interface FormatOptions {
  /** Use ANSI colours (stylish only). */
  readonly color: boolean;
}

/** Turns a lint report into the text written to stdout. */
export type Formatter = (report: LintReport, options: FormatOptions) => string;

/** The `--format` values. */
export const FORMATTERS: Readonly<Record<string, Formatter>> = {
  stylish: formatStylish,
  json: formatJson,
  sarif: formatSarif,
};
