import { summarize, type LintReport } from '../lint/report';
import { TOOL } from '../tool-info';
import type { FormatOptions } from './index';

/**
 * The machine format, version 1. Its shape is a contract; add fields, never change them:
 *
 * ```
 * { version: 1, tool: { name, version },
 *   files: [{ path,                      // relative to the working directory, `/`-separated
 *             findings: [{ ruleId, severity, message,
 *                          line, column, endLine, endColumn,   // 1-based; columns in UTF-16 code units
 *                          offset, endOffset,                  // 0-based UTF-16 offsets, end exclusive
 *                          fixable, data? }],
 *             fixed,                     // findings `--fix` resolved and wrote
 *             error? : { code, message } }],   // the file could not be checked or written
 *   configProblems: [{ path, line, column, severity, message }],
 *   summary: { files, errors, warnings, information, hints, fixable, fixed, fileErrors } }
 * ```
 */
export function formatJson(report: LintReport, _options: FormatOptions): string {
  const output = {
    version: 1,
    tool: { name: TOOL.name, version: TOOL.version },
    files: report.files.map((file) => ({
      path: file.displayPath,
      findings: file.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        line: finding.start.line,
        column: finding.start.column,
        endLine: finding.end.line,
        endColumn: finding.end.column,
        offset: finding.start.offset,
        endOffset: finding.end.offset,
        fixable: finding.fixable,
        ...(finding.data ? { data: finding.data } : {}),
      })),
      fixed: file.fixed,
      ...(file.error ? { error: { code: file.error.code, message: file.error.message } } : {}),
    })),
    configProblems: report.configProblems.map(({ displayPath, line, column, severity, message }) => ({ path: displayPath, line, column, severity, message })),
    summary: summarize(report.files),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
