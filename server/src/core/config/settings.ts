import type { RuleSettings } from '../lint/lint';
import type { SeveritySetting } from '../lint/types';
import { CODE_EXTENSIONS } from '../../../../common/src/code-files';

/**
 * The server's view of the `specwright.*` settings. package.json's
 * `contributes.configuration` declares the same keys and defaults; a test keeps
 * the two in step.
 */
export interface Settings {
  /** Turns all checking off when false. */
  readonly enable: boolean;
  /** Globs (relative to the workspace folder) of the Markdown files that are specs. */
  readonly files: readonly string[];
  /** More files or globs to check as specs, such as files opted in one by one. */
  readonly includeFiles: readonly string[];
  /** Files or globs never checked, even when another setting matches them. */
  readonly excludeFiles: readonly string[];
  /** Severity per rule id, or `off`. */
  readonly rules: RuleSettings;
  /** Milliseconds to wait after a change before checking a document (push diagnostics). */
  readonly diagnosticsDelay: number;
  /** Where new specs go, relative to the workspace folder. */
  readonly specsFolder: string;
  /** Folders of the user's own templates (absolute paths), between the built-in and the workspace's. */
  readonly templateFolders: readonly string[];
  /** Globs of the test and source files read for the requirement IDs they cite (traceability). */
  readonly traceFiles: readonly string[];
  /** Globs of those files that are tests; the others are source code. */
  readonly testFiles: readonly string[];
  /** Requirement-ID prefixes of the team's own (`REQ-`, `BR-`), besides the built-in ones. */
  readonly idPrefixes: readonly string[];
}

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  files: [
    '**/specs/**/*.md',
    '**/*.spec.md',
    '**/docs/specs/**/*.md',
    '**/rfcs/**/*.md',
    '**/*[_-]rfcs/**/*.md',
    '**/openspec/project.md',
    '**/openspec/specs/**/*.md',
    '**/openspec/changes/**/*.md',
    '**/docs/adr/*.md',
    '**/docs/adrs/*.md',
    '**/doc/adr/*.md',
    '**/adr/*.md',
    '**/*[_-][Aa][Dd][Rr]/*.md',
    '**/docs/decisions/*.md',
    '**/architecture/decisions/*.md',
    '**/keps/*/*/README.md',
    '**/keps/*/README.md',
    '**/keps/!(README|readme|index).md',
    '**/keps/*/!(README|readme|index).md',
    '**/enhancements/*/*/README.md',
    '**/enhancements/*/README.md',
    '**/enhancements/!(README|readme|index).md',
    '**/enhancements/*/!(README|readme|index).md',
    '**/text/[0-9][0-9][0-9]*-*.md',
    '**/proposals/!(README|readme|index).md',
    '**/proposals/*/!(README|readme|index).md',
    '**/proposals/*/README.md',
    '**/proposals/*/*/README.md',
    '**/docs/proposal/!(README|readme|index).md',
    '**/docs/proposal/*/README.md',
    '**/design-proposals/**/*.md',
    '**/cfps/!(README|readme|index).md',
    '**/CFP-*.md',
  ],
  includeFiles: [],
  excludeFiles: [
    '**/node_modules/**',
    '**/openspec/changes/archive/**',
    // Coding agents' commands, prompts and rules, and a kit's own settings: instructions to an agent, not specs.
    '**/.claude/**',
    '**/.cursor/**',
    '**/.gemini/**',
    '**/.github/**',
    '**/.windsurf/**',
    '**/.codex/**',
    '**/.opencode/**',
    '**/.roo/**',
    '**/.kilocode/**',
    '**/.qwen/**',
    '**/.augment/**',
    '**/.amazonq/**',
    '**/.kiro/settings/**',
    // The prompt a feature's folder keeps for its agent, often with the agent's pasted output: not a spec.
    '**/specs/**/prompt.md',
  ],
  rules: {},
  diagnosticsDelay: 150,
  specsFolder: 'docs/specs',
  templateFolders: [],
  traceFiles: [`**/*.{${CODE_EXTENSIONS.join(',')}}`],
  testFiles: [
    '**/{test,tests,__tests__,spec,specs,e2e}/**',
    '**/*{.,_,-}{test,spec,tests}.*',
    '**/test_*.py',
    '**/*{Test,Tests}.{java,kt,cs,swift}',
  ],
  idPrefixes: [],
};

/** The most globs or folders read from one list setting, and the longest one. */
const MAX_GLOBS = 200;
const MAX_GLOB_LENGTH = 1024;
/** The most runs of `*` in a glob, and in one of its path segments (see {@link isBoundedGlob}). */
export const MAX_GLOB_WILDCARDS = 4;
export const MAX_SEGMENT_WILDCARDS = 3;

/**
 * Whether matching a glob stays cheap on any path. A glob becomes a regular expression,
 * and each `*` in one path segment multiplies the backtracking on a long file name
 * (`*a*a*a*b` takes seconds on a 250-character name), so workspace-provided globs are
 * held to {@link MAX_GLOB_WILDCARDS} runs of `*` (a `**` counts once), at most
 * {@link MAX_SEGMENT_WILDCARDS} of them in one segment (the default spec globs use at most three).
 */
export function isBoundedGlob(glob: string): boolean {
  const runs = (text: string) => text.match(/\*+/g)?.length ?? 0;
  return runs(glob) <= MAX_GLOB_WILDCARDS && glob.split('/').every((segment) => runs(segment) <= MAX_SEGMENT_WILDCARDS);
}

const SEVERITIES = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);

/**
 * Reads untrusted settings (from a client, a config file) onto the defaults: wrong
 * types fall back to the default value, unknown keys are ignored.
 */
export function normalizeSettings(raw: unknown): Settings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Record<string, unknown>;
  // Globs and paths come from workspace files too: keep them to sane sizes.
  const strings = (v: unknown, fallback: readonly string[]): readonly string[] =>
    Array.isArray(v)
      ? v.filter((s): s is string => typeof s === 'string' && s.trim() !== '' && s.length <= MAX_GLOB_LENGTH).slice(0, MAX_GLOBS)
      : fallback;
  const globs = (v: unknown, fallback: readonly string[]): readonly string[] => (Array.isArray(v) ? strings(v, fallback).filter(isBoundedGlob) : fallback);
  const rules: Record<string, SeveritySetting> = {};
  if (value.rules && typeof value.rules === 'object') {
    for (const [id, severity] of Object.entries(value.rules as Record<string, unknown>)) {
      if (SEVERITIES.has(severity as SeveritySetting)) rules[id] = severity as SeveritySetting;
    }
  }
  const delay = value.diagnosticsDelay;
  return {
    enable: typeof value.enable === 'boolean' ? value.enable : DEFAULT_SETTINGS.enable,
    files: globs(value.files, DEFAULT_SETTINGS.files),
    includeFiles: globs(value.includeFiles, DEFAULT_SETTINGS.includeFiles),
    excludeFiles: globs(value.excludeFiles, DEFAULT_SETTINGS.excludeFiles),
    rules,
    specsFolder: typeof value.specsFolder === 'string' && value.specsFolder.trim() !== '' ? value.specsFolder.trim() : DEFAULT_SETTINGS.specsFolder,
    templateFolders: strings(value.templateFolders, DEFAULT_SETTINGS.templateFolders),
    traceFiles: globs(value.traceFiles, DEFAULT_SETTINGS.traceFiles),
    testFiles: globs(value.testFiles, DEFAULT_SETTINGS.testFiles),
    idPrefixes: idPrefixes(value.idPrefixes),
    diagnosticsDelay:
      typeof delay === 'number' && Number.isFinite(delay) ? Math.min(Math.max(delay, 0), 5000) : DEFAULT_SETTINGS.diagnosticsDelay,
  };
}

/** Clients push either `{ specwright: {...} }` or the section itself: the section. */
export function extractSection(value: unknown): unknown {
  if (value && typeof value === 'object' && 'specwright' in value) return (value as { specwright: unknown }).specwright;
  return value;
}

/** The most ID prefixes read from the setting. */
const MAX_ID_PREFIXES = 50;

/**
 * ID prefixes as written (`REQ-`, `BR-`, `UC`): capital letters, digits and `_`, at most 16,
 * and a final `-` or none; others are left out. Sorted, so that equal lists compare equal.
 */
function idPrefixes(raw: unknown): readonly string[] {
  if (!Array.isArray(raw)) return DEFAULT_SETTINGS.idPrefixes;
  const valid = raw.filter((item): item is string => typeof item === 'string' && /^[A-Z][A-Z0-9_]{0,15}-?$/.test(item.trim())).map((item) => item.trim());
  return [...new Set(valid)].slice(0, MAX_ID_PREFIXES).sort();
}
