// Scores the linter against a hand-labelled corpus of real documents (test/corpus, or
// another folder of the same layout such as the held-out test/corpus-heldout): precision
// and recall of `unfilled-placeholder` and `empty-section`, per family and overall, the
// false reports grouped by pattern, the findings of either rule on documents labelled
// finished, and the documents not identified as the family and kind they are labelled
// with. It reports; it never fails.
// A document the linter takes for its repository's own template of a family (MADR's
// adr-template.md, a KEP's NNNN-template/README.md) is meant to hold slots: any placeholder
// or empty-section finding on it counts as a false report, as on a finished document. Its
// labelled slots are scored where a user meets them: the scorer copies it to a new document
// of the family in the same folder (9999-new-document.md, or 9999-new-document/README.md
// for a template folder's README) and lints the copy with the template beside it; a slot is
// found when unfilled-placeholder, template-text-unchanged or leftover-guidance reports a
// range that holds its line (empty-section, its heading's line, for a labelled empty section).
// empty-section on a section whose only text is labelled placeholders (the template's italic
// guidance, which the labels count as placeholders) finds those placeholders instead.
// On any other document, a slot is found by unfilled-placeholder on it, or by
// template-text-unchanged or leftover-guidance reporting a range that holds its line
// (template text the family's tool writes, left in place); only unfilled-placeholder's
// findings count for precision.
// The CLI runs as a process (the same entry users run), so build first:
//   node esbuild.mjs && npm run corpus:score
//   npm run corpus:score -- --corpus test/corpus-heldout
// Add --json to print the numbers as JSON instead of text, --all to list every false report.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { builtInFamilies } from '../server/src/core/families/built-in';
import { globMatcher } from '../server/src/core/families/glob';
import { identifyFamily, kindByTemplateName } from '../server/src/core/families/identify';
import { inTemplatesFolder } from '../server/src/core/families/template-files';
import { parseSpec } from '../server/src/core/parse/spec-document';

const ROOT = join(__dirname, '..');
/** The corpus scored when no other folder is named, relative to the repository root. */
export const DEFAULT_CORPUS = 'test/corpus';
const CLI = join(ROOT, 'dist', 'cli.js');

interface Placeholder { line: number; text: string }
interface EmptySection { line: number; heading: string }
export interface LabelledDocument {
  file: string;
  repository: string;
  /** Where the document lives in its repository: families are identified by it. */
  path: string;
  family: string;
  kind: string;
  /** A reviewer's judgement: the document is written out, with nothing left to fill. */
  finished?: boolean;
  placeholders: Placeholder[];
  emptySections: EmptySection[];
}
interface Finding {
  ruleId: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  offset: number;
  endOffset: number;
  severity?: string;
  message?: string;
  data?: { kind?: string };
}
interface CliReport { files: { path: string; findings: Finding[] }[] }

/** The rules whose findings on a copy of a repository template find its labelled slots. */
const COPY_RULES = new Set(['unfilled-placeholder', 'template-text-unchanged', 'leftover-guidance']);
/** What a copy of a repository template is named in the corpus report. */
const COPY_SUFFIX = ' (copy)';

/**
 * Where a user starting a document from a repository template would put the copy: beside it,
 * under a new number; or, for a template the family keeps apart from its documents (spec-kit's
 * `.specify/templates/spec-template.md`), in the documents' folder when it is the one above
 * the template's (adr-tools' `doc/adr/templates/template.md` serves `doc/adr/`), else where
 * the family keeps documents of its kind (`specs/9999-new-document/spec.md`), as the kit's
 * own commands do.
 */
export function copyPathOf(path: string, family?: string, kind?: string, siblings: readonly string[] = [], repository?: string): string {
  const copy = copyPathBeside(path, family, kind, siblings, repository?.split('/').pop());
  const parts = copy.split('/');
  // Never in a folder of templates, where the copy would be one more template: where the family
  // keeps documents of its kind, else beside that folder (`plugins/x/templates/spec-template.md`).
  if (inTemplatesFolder(copy)) {
    const description = builtInFamilies().find((candidate) => candidate.id === family);
    const home = description && homeOf(description, kindByTemplateName(description, path) ?? kind);
    return home ?? [...parts.slice(0, -2), parts[parts.length - 1]].join('/');
  }
  return copy;
}

function copyPathBeside(path: string, family?: string, kind?: string, siblings: readonly string[] = [], repositoryName?: string): string {
  const description = builtInFamilies().find((candidate) => candidate.id === family);
  // The repository keeps the set's other documents of the family in the template's own folder
  // (ONNX's `docs/proposals/0000-template.md` beside `docs/proposals/0001-….md`): the new one goes there too.
  const folder = path.split('/').slice(0, -1).join('/');
  const besideTemplate = [...siblings].sort().find((sibling) => sibling.split('/').slice(0, -1).join('/') === folder);
  if (besideTemplate !== undefined) return besideSibling(besideTemplate);
  // A template the labelled family does not know by its path (keptn's KEPs kept the Rust RFC
  // way, `0000-template.md` and `text/NNNN-….md`): a new document goes where the repository
  // keeps the set's other documents of that family.
  const sibling = description?.templateFiles?.paths.some((glob) => globMatcher(glob)(path)) ? undefined : [...siblings].sort()[0];
  if (sibling !== undefined) return besideSibling(sibling);
  if (description?.templateFiles?.paths.some((glob) => globMatcher(glob)(path))) {
    // The kind the template's name gives, where the family has it (cc-sdd's `templates/specs/research.md`
    // starts a `research.md`), over the reviewers' nearest kind.
    kind = kindByTemplateName(description, path) ?? kind;
    // A template kept in a subfolder of the documents' folder (adr-tools' `<adr dir>/templates/template.md`) serves that folder.
    // A template of a kind the family does not have (the reviewers' `template`) starts any of its documents.
    // A repository of documents is seen under its own name (`rfcs/0000-template.md` of a repository named `rfcs`), as Specwright sees it.
    const folders = path.split('/').slice(0, -1);
    const known = kind !== undefined && Object.hasOwn(description.kinds, kind);
    const kindGlobs = description.paths.filter((entry) => !known || entry.kind === kind).map((entry) => globMatcher(entry.glob));
    for (const depth of [folders.length, folders.length - 1]) {
      const candidate = [...folders.slice(0, Math.max(depth, 0)), '9999-new-document.md'].join('/');
      if (depth >= 0 && kindGlobs.some((matches) => matches(candidate) || (repositoryName !== undefined && matches(`${repositoryName}/${candidate}`)))) return candidate;
    }
    const home = homeOf(description, kind);
    if (home) return home;
    // A kind of the team's own (an ADR template among spec-kit's): the new document goes where the
    // family keeps its documents, named as the template is without its template word
    // (`.specify/templates/adr-template.md` starts `specs/9999-new-document/adr.md`).
    const first = homeOf(description, description.paths[0]?.kind);
    const stem = (path.split('/').pop() ?? '').replace(/\.md$/i, '').replace(/[-_.]?template(?=[-_.]|$)/i, '') || 'document';
    if (first) return first.replace(/[^/]*$/, `${stem}.md`);
  }
  // A template kept in a coding agent's folder (`.github/templates/kiro-design-template.md`), which
  // is not checked: the new document goes where the family keeps documents of its kind.
  if (description && /^\.(?:github|claude|cursor|windsurf|gemini|codex|agents?)\//.test(path)) {
    const home = homeOf(description, kind);
    if (home) return home;
  }
  const parts = path.split('/');
  const file = parts.pop() ?? '';
  if (/^(readme|index)\.md$/i.test(file) && parts.length > 0) {
    parts.pop();
    return [...parts, '9999-new-document', file].join('/');
  }
  return [...parts, '9999-new-document.md'].join('/');
}

/** The family's first place for documents of `kind`, as a path: `specs/9999-new-document/spec.md`. */
function homeOf(description: ReturnType<typeof builtInFamilies>[number], kind: string | undefined): string | undefined {
  const home = description.paths.find((entry) => entry.kind === kind);
  return home?.glob.replace(/^(\*\*\/)+/, '').replace(/\*\*\/?/g, '').replace(/(\[[^\]]*\])+\*?/g, '9999').replace(/(-?)\*/g, (_, dash: string) => (dash ? '-new-document' : '9999-new-document'));
}

/** Where a new document goes beside `sibling`: in its folder, or in a folder of its own beside a document that has one (`NNNN-x/README.md`, `NNNN-x/NNNN-x.md`). */
function besideSibling(sibling: string): string {
  const parts = sibling.split('/');
  const file = parts.pop() ?? '';
  const folder = parts.at(-1);
  if (folder !== undefined && (/^(readme|index)\.md$/i.test(file) || file.replace(/(\.[a-z]{2}(-[A-Za-z]{2})?)?\.md$/i, '') === folder)) {
    parts.pop();
    return [...parts, '9999-new-document', /^(readme|index)\.md$/i.test(file) ? file : '9999-new-document.md'].join('/');
  }
  return [...parts, '9999-new-document.md'].join('/');
}

/**
 * The labelled placeholders that are all a section holds: every line with text between its
 * heading (line `heading`, 1-based) and the next heading at its level or above, its
 * subsections' included, is a labelled placeholder's line.
 * empty-section reports such a section (its only text is the template's guidance, an italic
 * instruction line); the labels mark that guidance as placeholders, one per line. The finding
 * then finds those placeholders and is no false empty section: both name the same unfilled text.
 */
export function guidanceUnder(lines: readonly string[], heading: number, placeholders: readonly { line: number; text: string }[]): number[] {
  const found: number[] = [];
  const level = /^ {0,3}(#{1,6})(?:\s|$)/.exec(lines[heading - 1] ?? '')?.[1]?.length ?? 6;
  let inComment = false;
  for (let line = heading + 1; line <= lines.length; line++) {
    const source = lines[line - 1] ?? '';
    // A comment (one line or several) and a thematic break are no text.
    if (inComment) {
      if (source.includes('-->')) inComment = false;
      continue;
    }
    if (/^\s*<!--/.test(source) && !source.includes('-->')) {
      inComment = true;
      continue;
    }
    // A heading with nothing of its own is reported when its subsections are as empty: theirs count too.
    const depth = /^ {0,3}(#{1,6})(?:\s|$)/.exec(source)?.[1]?.length;
    if (depth !== undefined && depth <= level) break;
    if (depth !== undefined) continue;
    if (source.trim() === '' || /^\s*<!--.*-->\s*$/.test(source) || /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(source)) continue;
    const labels = placeholders.flatMap((label, i) => (label.line === line && source.includes(label.text.trim().split('\n')[0] ?? '') ? [i] : []));
    // A line no label accounts for: a wrapped guidance paragraph's next line, or the author's text.
    if (labels.length === 0) {
      if (found.length > 0 && (lines[line - 2] ?? '').trim() !== '' && !/^\s*[-*+]\s/.test(source)) continue;
      return [];
    }
    found.push(...labels);
  }
  return found;
}

/** Hits, false reports and misses of one rule over a set of documents. */
export interface Tally { truePositives: number; falsePositives: number; labelled: number; found: number }

const emptyTally = (): Tally => ({ truePositives: 0, falsePositives: 0, labelled: 0, found: 0 });

/** The columns (1-based, end exclusive) where `text` occurs on `lineText`. */
function spans(lineText: string, text: string): [number, number][] {
  const out: [number, number][] = [];
  for (let at = lineText.indexOf(text); at >= 0; at = lineText.indexOf(text, at + 1)) {
    out.push([at + 1, at + 1 + text.length]);
  }
  return out;
}

/** A short key that groups false reports of the same shape: digits and letters folded. */
function patternOf(kind: string, text: string): string {
  const shape = text
    .replace(/\d+/g, 'N')
    .replace(/[A-Za-z][A-Za-z_-]*/g, (word) => (word === word.toUpperCase() && word.length > 1 ? 'WORD' : 'word'))
    .replace(/(word ?)+/g, 'words ')
    .trim();
  return `${kind}: ${shape.length > 60 ? `${shape.slice(0, 60)}…` : shape}`;
}

/**
 * Lints the documents where they live in their repositories: each is copied to
 * `<tmp>/<owner>/<repo>/<path>`, so that a family is identified by its path as it is in
 * the repository it came from. Findings come back keyed by the corpus file.
 */
function runCli(documents: LabelledDocument[], corpus: string, templates: ReadonlySet<LabelledDocument>): CliReport {
  const workspace = mkdtempSync(join(tmpdir(), 'specwright-corpus-'));
  try {
    const corpusFileOf = new Map<string, string>();
    for (const doc of documents) {
      const target = join(workspace, doc.repository, doc.path);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(ROOT, corpus, doc.file), target);
      corpusFileOf.set(relative(workspace, target).replace(/\\/g, '/'), join(corpus, doc.file).replace(/\\/g, '/'));
    }
    // A new document started from each repository template, beside it.
    // Two templates of one folder (a MADR and a Nygard template side by side) get copies of their own.
    const copies = new Set<string>();
    for (const doc of templates) {
      const siblings = documents.filter((other) => other.repository === doc.repository && other.family === doc.family && !templates.has(other)).map((other) => other.path);
      let copy = copyPathOf(doc.path, doc.family, doc.kind, siblings, doc.repository);
      for (let n = 2; copies.has(`${doc.repository}/${copy}`); n++) copy = copy.replace(/9999-new-document(?:-\d+)?/g, `9999-new-document-${n}`);
      copies.add(`${doc.repository}/${copy}`);
      const target = join(workspace, doc.repository, copy);
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(join(ROOT, corpus, doc.file), target);
      corpusFileOf.set(relative(workspace, target).replace(/\\/g, '/'), join(corpus, doc.file).replace(/\\/g, '/') + COPY_SUFFIX);
    }
    const result = spawnSync(
      process.execPath,
      [CLI, 'lint', '--format', 'json', '--no-config', ...corpusFileOf.keys()],
      { cwd: workspace, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    if (result.status === 2 || !result.stdout) {
      throw new Error(`specwright lint failed (exit ${String(result.status)}): ${result.stderr}`);
    }
    const report = JSON.parse(result.stdout) as CliReport;
    return {
      files: report.files.map((f) => ({ ...f, path: corpusFileOf.get(f.path.replace(/\\/g, '/')) ?? f.path })),
    };
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

function ratio(part: number, whole: number): string {
  return whole === 0 ? '   n/a' : `${((100 * part) / whole).toFixed(1).padStart(5)}%`;
}

/** What the linter finds on the corpus, against the labels. */
export interface CorpusScore {
  /** The corpus folder, relative to the repository root, with forward slashes. */
  readonly corpus: string;
  readonly documents: LabelledDocument[];
  readonly checked: number;
  /** Per family, and `overall`. */
  readonly placeholder: Map<string, Tally>;
  readonly empty: Map<string, Tally>;
  readonly falseReports: Map<string, { count: number; example: string; all: string[] }>;
  readonly missed: string[];
  /** Placeholder and empty-section findings on documents labelled finished, true or not. */
  readonly onFinished: string[];
  /**
   * Every other rule's errors and warnings on documents labelled finished (a missing section,
   * an unknown ID …): not scored against labels, but each is a finding a user would see.
   */
  readonly otherOnFinished: string[];
  readonly unchecked: string[];
  /** Documents whose family or kind, told by their path and headings, is not the labelled one. */
  readonly misidentified: string[];
  /** The documents taken for their repository's template of a family (scored through a copy). */
  readonly templates: string[];
  /** Placeholder and empty-section findings on those templates themselves (each a false report). */
  readonly onTemplates: string[];
  /**
   * Findings of template-text-unchanged and leftover-guidance on the copies that hold no
   * labelled slot: template text and guidance the labels do not mark (an HTML comment is
   * never a slot by them). Listed, not scored.
   */
  readonly offLabel: string[];
}

/** The corpus's family and kind names where the linter's ids differ. */
const FAMILY_IDS: Readonly<Record<string, string>> = { adr: 'madr' };
const KIND_IDS: Readonly<Record<string, string>> = { 'delta-spec': 'delta' };

/**
 * The documents the linter does not take for the family and kind they are labelled with,
 * identified at their path in their repository as the CLI identifies them there.
 */
function misidentifiedDocuments(documents: readonly LabelledDocument[], corpus: string): string[] {
  const wrong: string[] = [];
  for (const doc of documents) {
    const choice = identified(doc, corpus);
    const family = FAMILY_IDS[doc.family] ?? doc.family;
    const kind = KIND_IDS[doc.kind] ?? doc.kind;
    if (choice?.family.id !== family || choice.kind !== kind) {
      wrong.push(`${corpus}/${doc.file}: labelled ${family}/${kind}, identified ${choice ? `${choice.family.id}/${choice.kind} (by ${choice.how})` : 'as nothing'}`);
    }
  }
  return wrong;
}

/** The family the linter takes a document for at its path in its repository, as the CLI does. */
function identified(doc: LabelledDocument, corpus: string): ReturnType<typeof identifyFamily> {
  const text = readFileSync(join(ROOT, corpus, doc.file), 'utf8');
  return identifyFamily({ document: parseSpec(text), families: builtInFamilies(), path: `${doc.repository}/${doc.path}` });
}

/**
 * Lints a corpus with the built CLI and scores the findings against its labels.
 * `corpus` is the folder holding `labels.json`, relative to the repository root.
 */
export function scoreCorpus(corpus: string = DEFAULT_CORPUS): CorpusScore {
  corpus = corpus.replace(/\\/g, '/').replace(/\/+$/, '');
  const labels = JSON.parse(readFileSync(join(ROOT, corpus, 'labels.json'), 'utf8')) as { documents: LabelledDocument[] };
  const documents = labels.documents;
  const templateDocs = new Set(documents.filter((doc) => identified(doc, corpus)?.templateFile !== undefined));
  const report = runCli(documents, corpus, templateDocs);
  const byPath = new Map(report.files.map((f) => [f.path.replace(/\\/g, '/'), f.findings]));

  const placeholder = new Map<string, Tally>();
  const empty = new Map<string, Tally>();
  const falseReports = new Map<string, { count: number; example: string; all: string[] }>();
  const missed: string[] = [];
  const onFinished: string[] = [];
  const otherOnFinished: string[] = [];
  const onTemplates: string[] = [];
  const offLabel: string[] = [];
  const unchecked: string[] = [];

  for (const doc of documents) {
    const rel = join(corpus, doc.file).replace(/\\/g, '/');
    const own = byPath.get(rel);
    if (!own) {
      unchecked.push(rel);
      continue;
    }
    const isTemplate = templateDocs.has(doc);
    const copy = isTemplate ? byPath.get(rel + COPY_SUFFIX) : undefined;
    if (isTemplate && !copy) {
      unchecked.push(rel + COPY_SUFFIX);
      continue;
    }
    const text = readFileSync(join(ROOT, rel), 'utf8');
    const lines = text.split(/\r?\n/);
    for (const family of [doc.family, 'overall']) {
      if (!placeholder.has(family)) placeholder.set(family, emptyTally());
      if (!empty.has(family)) empty.set(family, emptyTally());
    }
    const tallies = (map: Map<string, Tally>) => [map.get(doc.family)!, map.get('overall')!];
    /** One finding scored: found, true or false, and a false one listed under its pattern. */
    const score = (map: Map<string, Tally>, hit: boolean, key: string, example: string) => {
      for (const t of tallies(map)) {
        t.found++;
        if (hit) t.truePositives++;
        else t.falsePositives++;
      }
      if (hit) return;
      const entry = falseReports.get(key) ?? { count: 0, example, all: [] };
      entry.count++;
      entry.all.push(example);
      falseReports.set(key, entry);
    };

    const matchedPlaceholders = new Set<number>();
    const matchedEmpty = new Set<number>();
    if (isTemplate) {
      // The template itself holds slots on purpose: whatever is reported on it is false.
      for (const finding of own) {
        if (finding.ruleId !== 'unfilled-placeholder' && finding.ruleId !== 'empty-section') continue;
        onTemplates.push(`${rel}:${finding.line} ${finding.ruleId} ${finding.ruleId === 'empty-section' ? (lines[finding.line - 1] ?? '') : text.slice(finding.offset, finding.endOffset)}`);
        score(finding.ruleId === 'empty-section' ? empty : placeholder, false, `${finding.ruleId} on a repository template`, `${rel}:${finding.line}`);
      }
      for (const finding of copy ?? []) {
        if (COPY_RULES.has(finding.ruleId)) {
          const covered = doc.placeholders.flatMap((label, i) => (label.line >= finding.line && label.line <= finding.endLine ? [i] : []));
          for (const i of covered) matchedPlaceholders.add(i);
          const found = text.slice(finding.offset, finding.endOffset).split('\n')[0] ?? '';
          if (finding.ruleId !== 'unfilled-placeholder') {
            // Template text and guidance the labels do not mark as slots: reported, not scored.
            if (covered.length === 0) offLabel.push(`${rel}${COPY_SUFFIX}:${finding.line} ${finding.ruleId} ${found.slice(0, 60)}`);
            continue;
          }
          score(
            placeholder,
            covered.length > 0,
            `unfilled-placeholder on a copy of a template: ${patternOf(finding.data?.kind ?? 'placeholder', found)}`,
            `${rel}${COPY_SUFFIX}:${finding.line} ${found.slice(0, 60)}`,
          );
        } else if (finding.ruleId === 'empty-section') {
          const hit = doc.emptySections.findIndex((label) => label.line === finding.line);
          if (hit >= 0) matchedEmpty.add(hit);
          const guidance = hit >= 0 ? [] : guidanceUnder(lines, finding.line, doc.placeholders);
          if (guidance.length > 0) {
            for (const i of guidance) matchedPlaceholders.add(i);
            continue;
          }
          const heading = lines[finding.line - 1]?.replace(/^#+\s*/, '').slice(0, 50) ?? '';
          score(empty, hit >= 0, `empty-section on a copy of a template: ${heading}`, `${rel}${COPY_SUFFIX}:${finding.line}`);
        }
      }
    }
    for (const finding of isTemplate ? [] : own) {
      if (
        doc.finished &&
        finding.ruleId !== 'unfilled-placeholder' &&
        finding.ruleId !== 'empty-section' &&
        (finding.severity === 'error' || finding.severity === 'warning')
      ) {
        otherOnFinished.push(`${rel}:${finding.line} ${finding.ruleId} (${finding.severity}) ${finding.message ?? ''}`.trimEnd());
      }
      if (COPY_RULES.has(finding.ruleId) && finding.ruleId !== 'unfilled-placeholder') {
        // Template text left in a document (a tool's instruction sentence): found, as on a copy; not scored.
        doc.placeholders.forEach((label, i) => {
          if (label.line >= finding.line && label.line <= finding.endLine) matchedPlaceholders.add(i);
        });
      } else if (finding.ruleId === 'unfilled-placeholder') {
        const found = text.slice(finding.offset, finding.endOffset);
        if (doc.finished) onFinished.push(`${rel}:${finding.line} unfilled-placeholder ${found}`);
        const hit = doc.placeholders.findIndex(
          (label) =>
            label.line === finding.line &&
            spans(lines[label.line - 1] ?? '', label.text).some(
              ([start, end]) => finding.column < end && (finding.endLine > finding.line || finding.endColumn > start),
            ),
        );
        if (hit >= 0) matchedPlaceholders.add(hit);
        score(placeholder, hit >= 0, patternOf(finding.data?.kind ?? 'placeholder', found), `${rel}:${finding.line} ${found}`);
      } else if (finding.ruleId === 'empty-section') {
        if (doc.finished) onFinished.push(`${rel}:${finding.line} empty-section ${lines[finding.line - 1] ?? ''}`);
        const hit = doc.emptySections.findIndex((label) => label.line === finding.line);
        if (hit >= 0) matchedEmpty.add(hit);
        const guidance = hit >= 0 ? [] : guidanceUnder(lines, finding.line, doc.placeholders);
        if (guidance.length > 0) {
          for (const i of guidance) matchedPlaceholders.add(i);
          continue;
        }
        score(empty, hit >= 0, `empty-section: ${lines[finding.line - 1]?.replace(/^#+\s*/, '').slice(0, 50) ?? ''}`, `${rel}:${finding.line}`);
      }
    }
    for (const t of tallies(placeholder)) t.labelled += doc.placeholders.length;
    for (const t of tallies(empty)) t.labelled += doc.emptySections.length;
    doc.placeholders.forEach((label, i) => {
      if (!matchedPlaceholders.has(i)) missed.push(`${rel}:${label.line} ${label.text}`);
    });
    doc.emptySections.forEach((label, i) => {
      if (!matchedEmpty.has(i)) missed.push(`${rel}:${label.line} ${label.heading}`);
    });
  }

  return {
    corpus,
    documents,
    checked: report.files.length,
    placeholder,
    empty,
    falseReports,
    missed,
    onFinished,
    otherOnFinished,
    unchecked,
    misidentified: misidentifiedDocuments(documents, corpus),
    templates: [...templateDocs].map((doc) => join(corpus, doc.file).replace(/\\/g, '/')),
    onTemplates,
    offLabel,
  };
}

/** Labels that a tally found: found minus false reports; a label two findings overlap counts once. */
export function recallOf(score: CorpusScore, family: string, kind: 'placeholder' | 'empty'): number | undefined {
  const docs = score.documents.filter((d) => family === 'overall' || d.family === family);
  const labels = docs.flatMap((d) => {
    const rel = join(score.corpus, d.file).replace(/\\/g, '/');
    return kind === 'placeholder' ? d.placeholders.map((l) => `${rel}:${l.line} ${l.text}`) : d.emptySections.map((l) => `${rel}:${l.line} ${l.heading}`);
  });
  if (labels.length === 0) return undefined;
  const missed = new Set(score.missed);
  return labels.filter((l) => !missed.has(l)).length / labels.length;
}

/** Precision of a tally, undefined when it found nothing. */
export function precisionOf(tally: Tally | undefined): number | undefined {
  return tally && tally.found > 0 ? tally.truePositives / tally.found : undefined;
}

function main(): void {
  if (!existsSync(CLI)) {
    console.error('dist/cli.js is missing: run `node esbuild.mjs` first.');
    process.exitCode = 2;
    return;
  }
  const at = process.argv.indexOf('--corpus');
  const score = scoreCorpus(at >= 0 && process.argv[at + 1] ? process.argv[at + 1] : DEFAULT_CORPUS);
  const { documents, placeholder, empty, falseReports, missed, onFinished, otherOnFinished, unchecked, misidentified, templates, onTemplates, offLabel } = score;
  const finishedCount = documents.filter((d) => d.finished).length;
  const groups = [...falseReports.entries()].sort((a, b) => b[1].count - a[1].count);
  if (process.argv.includes('--json')) {
    console.log(
      JSON.stringify(
        {
          documents: documents.length,
          placeholder: Object.fromEntries(placeholder),
          emptySection: Object.fromEntries(empty),
          falseReports: groups.map(([pattern, v]) => ({ pattern, ...v })),
          missed,
          finishedDocuments: finishedCount,
          onFinished,
          otherOnFinished,
          templates,
          onTemplates,
          offLabel,
          unchecked,
          misidentified,
        },
        null,
        2,
      ),
    );
    return;
  }

  // Recall counts labels found; a label that two findings overlap counts once.
  const row = (name: string, t: Tally, missedCount: number) =>
    `  ${name.padEnd(10)} found ${String(t.found).padStart(4)}  true ${String(t.truePositives).padStart(4)}  ` +
    `labelled ${String(t.labelled).padStart(4)}  precision ${ratio(t.truePositives, t.found)}  ` +
    `recall ${ratio(t.labelled - missedCount, t.labelled)}`;
  const missedIn = (family: string, kind: 'p' | 'e') =>
    documents
      .filter((d) => family === 'overall' || d.family === family)
      .reduce((n, d) => {
        const rel = join(score.corpus, d.file).replace(/\\/g, '/');
        const list = kind === 'p' ? d.placeholders.map((l) => `${rel}:${l.line} ${l.text}`) : d.emptySections.map((l) => `${rel}:${l.line} ${l.heading}`);
        return n + list.filter((m) => missed.includes(m)).length;
      }, 0);
  const families = [...placeholder.keys()].filter((f) => f !== 'overall').sort();
  console.log(`Corpus ${score.corpus}: ${documents.length} documents, ${score.checked} checked\n`);
  console.log('unfilled-placeholder');
  for (const f of [...families, 'overall']) console.log(row(f, placeholder.get(f)!, missedIn(f, 'p')));
  console.log('\nempty-section');
  for (const f of [...families, 'overall']) console.log(row(f, empty.get(f)!, missedIn(f, 'e')));
  console.log('\nFalse reports by pattern');
  for (const [pattern, v] of groups) {
    console.log(`  ${String(v.count).padStart(4)}  ${pattern}    e.g. ${v.example}`);
    if (process.argv.includes('--all')) for (const example of v.all.slice(1)) console.log(`          ${example}`);
  }
  console.log(`\nMissed (${missed.length})`);
  for (const m of missed) console.log(`  ${m}`);
  console.log(`\nFindings on the ${finishedCount} documents labelled finished (${onFinished.length})`);
  for (const f of onFinished) console.log(`  ${f}`);
  console.log(`\nOther rules' errors and warnings on those documents, not scored (${otherOnFinished.length})`);
  for (const f of otherOnFinished) console.log(`  ${f}`);
  console.log(`\nRepository templates, scored through a copy (${templates.length})`);
  for (const f of templates) console.log(`  ${f}`);
  console.log(`\nPlaceholder and empty-section findings on those templates (${onTemplates.length})`);
  for (const f of onTemplates) console.log(`  ${f}`);
  console.log(`\nOther findings on the copies, on no labelled slot, not scored (${offLabel.length})`);
  for (const f of offLabel) console.log(`  ${f}`);
  if (unchecked.length > 0) console.log(`\nNot checked by the CLI (${unchecked.length}): ${unchecked.join(', ')}`);
  console.log(`\nIdentified as another family or kind (${misidentified.length} of ${documents.length})`);
  for (const m of misidentified) console.log(`  ${m}`);
}

if (require.main === module) main();
