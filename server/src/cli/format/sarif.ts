import { pathToFileURL } from 'node:url';
import { ruleDocsUrl } from '../../core/lint/docs-url';
import { RULES } from '../../core/lint/registry';
import type { Severity } from '../../core/lint/types';
import { summarize, type FileReport, type LintReport } from '../lint/report';
import { TOOL } from '../tool-info';
import type { FormatOptions } from './index';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };
/** The base that relative artifact URIs resolve against; code-scanning services map it to the checkout. */
const SRCROOT = '%SRCROOT%';

/**
 * SARIF 2.1.0 for code-scanning services: one run, every registered rule in
 * `tool.driver.rules`, one result per finding with 1-based lines and columns in UTF-16
 * code units, paths relative to `%SRCROOT%` (the working directory), and files that
 * could not be checked as tool execution notifications.
 */
export function formatSarif(report: LintReport, _options: FormatOptions): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.meta.id, index]));
  const artifact = (file: Pick<FileReport, 'path' | 'displayPath'>) =>
    file.displayPath.startsWith('../') || file.displayPath === '..'
      ? { uri: pathToFileURL(file.path).href }
      : { uri: file.displayPath.split('/').map(encodeURIComponent).join('/'), uriBaseId: SRCROOT };
  const results = report.files.flatMap((file) =>
    file.findings.map((finding) => ({
      ruleId: finding.ruleId,
      ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
      level: LEVELS[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact(file),
            region: { startLine: finding.start.line, startColumn: finding.start.column, endLine: finding.end.line, endColumn: finding.end.column },
          },
        },
      ],
      ...(finding.data ? { properties: { data: finding.data } } : {}),
    })),
  );
  const notifications = [
    ...report.configProblems.map((problem) => ({
      level: problem.severity,
      message: { text: `${problem.displayPath}:${problem.line}:${problem.column}: ${problem.message}` },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact({ path: problem.path, displayPath: problem.displayPath }),
            region: { startLine: problem.line, startColumn: problem.column },
          },
        },
      ],
    })),
    ...report.files
      .filter((file) => file.error)
      .map((file) => ({
        level: 'error',
        message: { text: `${file.displayPath} ${file.error?.message}` },
        locations: [{ physicalLocation: { artifactLocation: artifact(file) } }],
        descriptor: { id: file.error?.code },
      })),
  ];
  const sarif = {
    $schema: 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: TOOL.name,
            version: TOOL.version,
            semanticVersion: TOOL.version,
            informationUri: TOOL.informationUri,
            rules: RULES.map(({ meta }) => ({
              id: meta.id,
              shortDescription: { text: meta.description },
              fullDescription: { text: meta.rationale },
              helpUri: ruleDocsUrl(meta.id),
              help: { text: `${meta.rationale}\n\n${ruleDocsUrl(meta.id)}` },
              defaultConfiguration: { level: LEVELS[meta.defaultSeverity] },
              properties: { fixable: meta.fixable },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(report.cwd.endsWith('/') ? report.cwd : `${report.cwd}/`).href } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [{ executionSuccessful: summarize(report.files).fileErrors === 0, toolExecutionNotifications: notifications }],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
