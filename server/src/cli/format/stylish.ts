import type { Severity } from '../../core/lint/types';
import { summarize, type LintReport } from '../lint/report';
import type { FormatOptions } from './index';

const LABELS: Record<Severity, string> = { error: 'error', warning: 'warning', information: 'info', hint: 'hint' };

/**
 * The human format: findings grouped by file, one per line as
 * `line:column  severity  message  rule-id`, and a summary line. Nothing at all when
 * there is nothing to report. File errors go to stderr, not here; the summary counts them.
 */
export function formatStylish(report: LintReport, { color }: FormatOptions): string {
  const paint = (code: string) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const style = { path: paint('4'), dim: paint('2'), bold: paint('1'), red: paint('31'), yellow: paint('33'), blue: paint('34'), green: paint('32') };
  const severityStyle: Record<Severity, (text: string) => string> = { error: style.red, warning: style.yellow, information: style.blue, hint: style.dim };
  const lines: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    const rows = file.findings.map((f) => [`${f.start.line}:${f.start.column}`, LABELS[f.severity], f.message, f.ruleId, f.severity] as const);
    const widths = [0, 1, 2].map((column) => Math.max(...rows.map((row) => row[column].length)));
    lines.push(style.path(file.displayPath));
    for (const [position, label, message, ruleId, severity] of rows) {
      lines.push(
        `  ${style.dim(position.padEnd(widths[0] as number))}  ${severityStyle[severity](label.padEnd(widths[1] as number))}  ${message.padEnd(widths[2] as number)}  ${style.dim(ruleId)}`,
      );
    }
    lines.push('');
  }
  const summary = summarize(report.files);
  const problems = summary.errors + summary.warnings + summary.information + summary.hints;
  if (problems > 0) {
    const counts = [plural(summary.errors, 'error'), plural(summary.warnings, 'warning')];
    if (summary.information > 0) counts.push(`${summary.information} info`);
    if (summary.hints > 0) counts.push(plural(summary.hints, 'hint'));
    const headline = `✖ ${plural(problems, 'problem')} (${counts.join(', ')})`;
    lines.push((summary.errors > 0 ? style.red : style.yellow)(style.bold(headline)));
    if (summary.fixable > 0) lines.push(`  ${plural(summary.fixable, 'problem')} fixable with the \`--fix\` option`);
  }
  if (summary.fileErrors > 0) lines.push(style.red(style.bold(`✖ ${plural(summary.fileErrors, 'file')} could not be checked or fixed (see above)`)));
  if (summary.fixed > 0) {
    const files = report.files.filter((file) => file.fixed > 0).length;
    lines.push(style.green(`✔ fixed ${plural(summary.fixed, 'problem')} in ${plural(files, 'file')}`));
  }
  return lines.length === 0 ? '' : `${lines.join('\n').replace(/\n+$/, '')}\n`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
