import { idPattern } from '../parse/requirement-ids';
import type { TraceMention } from './model';

/**
 * Requirement IDs cited in a test or source file: `FR-001`, `SC-002`, `US-001` anywhere in
 * the text (a comment `// covers FR-001`, a test name `test('FR-001: …')`), and spec-kit's
 * story IDs written `US1`. Task and checklist IDs are not requirements. Any language: an
 * ID is a distinctive token, so no comment syntax is needed to find it. IDs of a team's own
 * prefixes (`idPrefixes`) count too.
 */
export function mentionsInCode(text: string, file: string, from: 'test' | 'source', idPrefixes: readonly string[] = []): TraceMention[] {
  const found: TraceMention[] = [];
  const pattern = new RegExp(`${idPattern(idPrefixes).source}|(?<![\\p{L}\\p{N}_-])(US\\d{1,3})(?![\\p{L}\\p{N}_])`, 'gu');
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
    const id = m[0];
    if (/^(?:T|CHK)\d/.test(id)) continue;
    for (; scanned < m.index; scanned++) {
      if (text.charCodeAt(scanned) === 0x0a) {
        line++;
        lineStart = scanned + 1;
      }
    }
    found.push({ id, file, line, from, scope: '', column: m.index - lineStart });
  }
  return found;
}

/** File names that hold tests in the common languages' conventions. */
const TEST_FILE = /(?:^|\/)(?:tests?|__tests__|spec|specs|e2e)\/|[._-](?:test|spec|tests)\.[^/]+$|(?:^|\/)test_[^/]+\.py$|_test\.(?:go|py|rb|exs?)$|Tests?\.(?:java|kt|cs|swift)$/i;

/** Whether a code file is a test by its path. */
export function isTestFile(path: string): boolean {
  return TEST_FILE.test(path);
}

/** Source file extensions scanned for citations. */
export { CODE_EXTENSIONS } from '../../../../common/src/code-files';
