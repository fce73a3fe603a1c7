import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { parseSpec, type SpecDocument } from '../../server/src/core/parse/spec-document';
import { DEFAULT_SETTINGS, type Settings } from '../../server/src/core/config/settings';
import { WorkspaceIndex, type OpenSpec } from '../../server/src/workspace/workspace-index';

let root: string;
let rootUri: string;
let settings: Settings;
let open: OpenSpec[];

const uri = (relative: string) => `${rootUri}/${relative}`;
function write(relative: string, text: string): string {
  const path = join(root, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  return uri(relative);
}

function createIndex(options: { maxFiles?: number; maxFileSize?: number } = {}): WorkspaceIndex {
  return new WorkspaceIndex({ folders: () => [rootUri], settings: async () => settings, openDocuments: () => open, ...options });
}

function openSpec(at: string, text: string, version = 1): OpenSpec {
  const document = TextDocument.create(at, 'markdown', version, text);
  let parsed: SpecDocument | undefined;
  return { document, spec: () => (parsed ??= parseSpec(text)), isSpec: async () => true };
}

async function ids(index: WorkspaceIndex): Promise<string[]> {
  const snapshot = await index.snapshot();
  return [...snapshot.specs.values()]
    .flatMap((spec) => spec.ids.map((o) => `${spec.path} ${o.role === 'definition' ? 'def' : 'ref'} ${o.id}`))
    .sort();
}

describe('workspace index', () => {
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'specwright-index-'));
    rootUri = pathToFileURL(root).href;
    settings = DEFAULT_SETTINGS;
    open = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  test('indexes the specs of the folder: by glob or by front matter; skips node_modules, other files and big files', async () => {
    write('specs/a.md', '# Alpha\n\n- FR-001: Log in\n- FR-002: Log out\n');
    write('specs/sub/b.md', '# Beta\n\nNeeds FR-001.\n');
    write('notes/plain.md', '# Notes\n\n- FR-009: not a spec\n');
    write('notes/opted.md', '---\nspecwright: technical-design\n---\n\n# Opted in\n\nSee FR-002.\n');
    write('notes/mentions.md', '---\ntitle: about specwright\n---\n\n# Mentions\n\n- FR-008: not opted in\n');
    write('node_modules/pkg/specs/c.md', '# Vendored\n\n- FR-001: again\n');
    write('specs/big.md', `# Big\n\n- FR-100: big\n${'x'.repeat(2000)}\n`);
    write('specs/readme.txt', 'FR-001');
    const index = createIndex({ maxFileSize: 1000 });
    assert.deepEqual(await ids(index), ['notes/opted.md ref FR-002', 'specs/a.md def FR-001', 'specs/a.md def FR-002', 'specs/sub/b.md ref FR-001']);
    const snapshot = await index.snapshot();
    assert.equal(snapshot.specs.get(uri('specs/a.md'))?.title?.text, 'Alpha');
    assert.deepEqual(snapshot.specs.get(uri('specs/a.md'))?.title?.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 7 } });
    const definition = snapshot.definitions('FR-001')[0]!;
    assert.deepEqual(definition.occurrence.range, { start: { line: 2, character: 2 }, end: { line: 2, character: 8 } });
    assert.equal(definition.occurrence.definition?.summary, 'Log in');
    assert.equal(definition.occurrence.definition?.excerpt(), '- FR-001: Log in');
    // Parsed: the two glob specs, the opted-in file and the one that only mentions specwright; not the plain note.
    assert.equal(index.stats.parses, 4);
  });

  test('never parses an unchanged file again; a changed file once', async () => {
    const a = write('specs/a.md', '# A\n\n- FR-001: one\n');
    write('specs/b.md', '# B\n\nFR-001\n');
    const index = createIndex();
    await index.snapshot();
    assert.equal(index.stats.parses, 2);
    await index.filesChanged([{ uri: a, type: 2 }]);
    await index.snapshot();
    index.rescan();
    await index.snapshot();
    assert.equal(index.stats.parses, 2, 'same time and size: not read again');
    writeFileSync(join(root, 'specs/a.md'), '# A\n\n- FR-001: one\n- FR-002: two\n');
    utimesSync(join(root, 'specs/a.md'), new Date(), new Date(Date.now() + 5000));
    await index.filesChanged([{ uri: a, type: 2 }]);
    assert.deepEqual(await ids(index), ['specs/a.md def FR-001', 'specs/a.md def FR-002', 'specs/b.md ref FR-001']);
    assert.equal(index.stats.parses, 3);
  });

  test('follows creates, deletes, renames and deleted or created folders', async () => {
    write('specs/a.md', '# A\n\n- FR-001: one\n');
    const index = createIndex();
    await index.snapshot();
    const b = write('specs/b.md', '# B\n\n- FR-002: two\n');
    await index.filesChanged([{ uri: b, type: 1 }]);
    assert.deepEqual(await ids(index), ['specs/a.md def FR-001', 'specs/b.md def FR-002']);
    renameSync(join(root, 'specs/b.md'), join(root, 'specs/c.md'));
    await index.filesChanged([{ uri: b, type: 3 }, { uri: uri('specs/c.md'), type: 1 }]);
    assert.deepEqual(await ids(index), ['specs/a.md def FR-001', 'specs/c.md def FR-002']);
    write('specs/deep/x/d.md', '# D\n\n- FR-004: four\n');
    await index.filesChanged([{ uri: uri('specs/deep'), type: 1 }]);
    assert.ok((await ids(index)).includes('specs/deep/x/d.md def FR-004'));
    rmSync(join(root, 'specs/deep'), { recursive: true });
    await index.filesChanged([{ uri: uri('specs/deep'), type: 3 }]);
    assert.deepEqual(await ids(index), ['specs/a.md def FR-001', 'specs/c.md def FR-002']);
  });

  test('open documents override the disk; a closed one falls back to it', async () => {
    const a = write('specs/a.md', '# A\n\n- FR-001: one\n');
    const index = createIndex();
    await index.snapshot();
    open = [openSpec(a, '# A\n\n- FR-007: edited\n', 2)];
    index.documentChanged(a);
    assert.deepEqual(await ids(index), ['specs/a.md def FR-007']);
    const untitled = 'untitled:Untitled-1';
    open.push(openSpec(untitled, '# New\n\nFR-007\n'));
    index.documentChanged(untitled);
    assert.deepEqual((await index.snapshot()).occurrences('FR-007').map((o) => o.spec.uri), [a, untitled]);
    open = [];
    index.documentChanged(a, true);
    index.documentChanged(untitled, true);
    assert.deepEqual(await ids(index), ['specs/a.md def FR-001']);
    assert.equal(index.stats.parses, 1, 'the open document is parsed by its owner, the disk file once');
  });

  test('settings decide which files are specs, without reading unchanged files again', async () => {
    write('notes/n.md', '# N\n\n- FR-003: three\n');
    const index = createIndex();
    assert.deepEqual(await ids(index), []);
    settings = { ...DEFAULT_SETTINGS, includeFiles: ['notes/**'] };
    index.settingsChanged();
    assert.deepEqual(await ids(index), ['notes/n.md def FR-003']);
    settings = { ...DEFAULT_SETTINGS, enable: false };
    index.settingsChanged();
    assert.deepEqual(await ids(index), []);
    assert.equal(index.stats.parses, 1);
  });

  test('reports when the set of definitions changes, not when only references do', async () => {
    const a = write('specs/a.md', '# A\n\n- FR-001: one\n');
    const index = createIndex();
    let fired = 0;
    index.onDidChangeDefinitions(() => fired++);
    const first = await index.snapshot();
    open = [openSpec(a, '# A\n\n- FR-001: one\n\nSee FR-001.\n', 2)];
    index.documentChanged(a);
    const second = await index.snapshot();
    assert.equal(fired, 0);
    assert.equal(second.definitionsGeneration, first.definitionsGeneration);
    open = [openSpec(a, '# A\n\n- FR-001: one\n- FR-002: two\n', 3)];
    index.documentChanged(a);
    const third = await index.snapshot();
    assert.equal(fired, 1);
    assert.notEqual(third.definitionsGeneration, first.definitionsGeneration);
  });

  test('stops at the file limit', async () => {
    for (let i = 0; i < 5; i++) write(`specs/f${i}.md`, `# F${i}\n`);
    const logs: string[] = [];
    const index = new WorkspaceIndex({ folders: () => [rootUri], settings: async () => settings, openDocuments: () => open, maxFiles: 3, log: (m) => logs.push(m) });
    assert.equal((await index.snapshot()).specs.size, 3);
    assert.match(logs.join('\n'), /first 3 Markdown files/);
  });

  test('the walk gives way to other work on the event loop, and lists files in walk order', async () => {
    for (let i = 0; i < 150; i++) write(`specs/f${String(i).padStart(3, '0')}.md`, `# F${i}\n\n- FR-${i}: one\n\n## More\n\nSee FR-${i}.\n`);
    const index = createIndex();
    const walk = index.snapshot();
    const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
    while (index.stats.parses === 0) await turn();
    const before = index.stats.parses;
    // Forty steps of 2 ms of work each, one per turn of the event loop, as a check of an open document would make.
    for (let i = 0; i < 40; i++) {
      const until = performance.now() + 2;
      while (performance.now() < until) {
        // other work
      }
      await turn();
    }
    const during = index.stats.parses - before;
    assert.ok(during <= 10, `${during} files indexed during 80 ms of other work`);
    const snapshot = await walk;
    assert.equal(index.stats.parses, 150);
    const listed = readdirSync(join(root, 'specs')).map((name) => uri(`specs/${name}`));
    assert.deepEqual([...snapshot.specs.keys()], listed, 'one folder: its files in the order the folder lists them');
  });

  test('nearest definitions and the same requirement across folders', async () => {
    write('specs/001-login/spec.md', '# Login\n\n- FR-001: Log in\n');
    write('specs/001-login/tasks.md', '# Tasks\n\n- [ ] T001 Build FR-001\n');
    write('specs/002-export/spec.md', '# Export\n\n- FR-001: Export CSV\n');
    write('specs/002-export/tasks.md', '# Tasks\n\n- [ ] T001 Build FR-001\n');
    write('specs/overview.md', '# Overview\n\nFR-001 everywhere.\n');
    const snapshot = await createIndex().snapshot();
    const tasks = uri('specs/001-login/tasks.md');
    const reference = snapshot.occurrences('FR-001').find((o) => o.spec.uri === tasks)!;
    assert.deepEqual(snapshot.nearestDefinitions(tasks, 'FR-001').map((d) => d.spec.path), ['specs/001-login/spec.md']);
    assert.deepEqual(
      snapshot.sameRequirement(reference).map((o) => o.spec.path).sort(),
      ['specs/001-login/spec.md', 'specs/001-login/tasks.md', 'specs/overview.md'],
      'the overview is as near to both folders, so it means both',
    );
    const lookup = snapshot.workspaceIdsFor(uri('specs/001-login/spec.md'), true);
    assert.deepEqual(lookup.definitions('FR-001'), [{ file: 'specs/002-export/spec.md', sameFolder: false }]);
    assert.deepEqual(lookup.definitions('T001').map((d) => d.sameFolder), [true, false]);
  });
  test('latest(false) answers from the open documents without starting the walk', async () => {
    write('specs/b.md', '# Beta\n\n- FR-002: Export\n');
    open = [openSpec(uri('specs/a.md'), '# Alpha\n\n- FR-001: Log in\n')];
    const index = createIndex();
    const early = await index.latest(false);
    assert.deepEqual([...early.specs.keys()], [uri('specs/a.md')]);
    assert.equal(index.stats.reads, 0);
    assert.equal(index.complete, false);
    await index.ready();
    assert.equal(index.complete, true);
    assert.equal(index.stats.reads, 1);
  });
});

describe('the workspace index for traceability', () => {
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'specwright-trace-index-'));
    rootUri = pathToFileURL(root).href;
    settings = DEFAULT_SETTINGS;
    open = [];
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const citations = async (index: WorkspaceIndex) => {
    const snapshot = await index.snapshot();
    const graph = snapshot.trace.graph(rootUri);
    return graph.requirements.flatMap((requirement) => [
      ...requirement.tests.map((test) => `${requirement.id} test ${test.file}:${test.line}`),
      ...requirement.sources.map((source) => `${requirement.id} source ${source.file}:${source.line}`),
    ]);
  };

  test('test and source files are read for the IDs they cite, by the trace globs, skipping what Git ignores; changes are followed', async () => {
    write('specs/albums.md', '# Albums\n\n## Requirements\n\n- **FR-001**: The system MUST keep albums.\n- **FR-002**: The system MUST share albums.\n');
    write('tests/albums.test.ts', "// covers FR-001\ntest('FR-002: shares', () => {});\n");
    write('src/albums.py', '# Implements FR-001\n');
    write('.gitignore', 'dist/\n');
    write('dist/bundle.js', '// FR-001 FR-002 copied by the build\n');
    write('scripts/check.lua', '-- FR-002\n');
    const index = createIndex();
    assert.deepEqual((await citations(index)).sort(), ['FR-001 source src/albums.py:1', 'FR-001 test tests/albums.test.ts:1', 'FR-002 test tests/albums.test.ts:2']);
    // A file changed on disk.
    write('src/albums.py', '\n\n# Implements FR-002\n');
    await index.filesChanged([{ uri: uri('src/albums.py'), type: 2 }]);
    assert.deepEqual((await citations(index)).sort(), ['FR-001 test tests/albums.test.ts:1', 'FR-002 source src/albums.py:3', 'FR-002 test tests/albums.test.ts:2']);
    // Globs of a team's own: Lua specs are tests, Python is not read.
    settings = { ...DEFAULT_SETTINGS, traceFiles: ['**/*.lua', '**/*.ts'], testFiles: ['scripts/**'] };
    index.settingsChanged();
    assert.deepEqual((await citations(index)).sort(), ['FR-001 source tests/albums.test.ts:1', 'FR-002 source tests/albums.test.ts:2', 'FR-002 test scripts/check.lua:1']);
  });

  test('a folder whose specs define no requirement has its code left unread, until a spec defines one', async () => {
    write('specs/notes.md', '# Notes\n\nNothing to trace here.\n');
    write('src/app.ts', '// FR-001\n');
    const index = createIndex();
    await index.ready();
    assert.equal(index.stats.reads, 1, 'only the spec is read');
    // An open document defines a requirement: the code is read, and cites it.
    const text = '# Notes\n\n## Requirements\n\n- **FR-001**: The system MUST keep notes.\n';
    open = [openSpec(uri('specs/notes.md'), text, 2)];
    index.documentChanged(uri('specs/notes.md'));
    await index.snapshot();
    // That snapshot saw the definition and asked for the folder to be walked again.
    await index.ready();
    assert.deepEqual(await citations(index), ['FR-001 source src/app.ts:1']);
  });

  test('an edit that changes no requirement or task keeps the graph; one that does links it up again', async () => {
    write('specs/001-albums/spec.md', '# Feature Specification: Albums\n\n## Requirements\n\n- **FR-001**: The system MUST keep albums.\n');
    write('specs/001-albums/tasks.md', '# Tasks: Albums\n\n- [ ] T001 Keep albums (FR-001)\n');
    write('tests/albums.test.ts', '// covers FR-001\n');
    const index = createIndex();
    const graphOf = async () => (await index.snapshot()).trace.graph(rootUri);
    const first = await graphOf();
    assert.deepEqual(first.requirements.map((requirement) => `${requirement.id} ${requirement.tasks.length} ${requirement.tests.length}`), ['FR-001 1 1']);
    // A keystroke in prose of the open spec: a new snapshot, the same graph object.
    const spec = uri('specs/001-albums/spec.md');
    open = [openSpec(spec, '# Feature Specification: Albums\n\nAlbums, at last.\n## Requirements\n\n- **FR-001**: The system MUST keep albums.\n', 2)];
    index.documentChanged(spec);
    const moved = await graphOf();
    assert.notEqual(moved, first, 'the requirement moved a line down');
    open = [openSpec(spec, '# Feature Specification: Albums\n\nAlbums, at last!\n## Requirements\n\n- **FR-001**: The system MUST keep albums.\n', 3)];
    index.documentChanged(spec);
    assert.equal(await graphOf(), moved, 'nothing the graph holds changed');
    // The requirement's text changes: linked up again.
    open = [openSpec(spec, '# Feature Specification: Albums\n\nAlbums, at last!\n## Requirements\n\n- **FR-001**: The system MUST keep and share albums.\n', 4)];
    index.documentChanged(spec);
    const edited = await graphOf();
    assert.notEqual(edited, moved);
    assert.match(edited.requirements[0]?.text ?? '', /share/);
  });

  test('a team\'s own ID prefixes: files on disk, test files and open documents are read again when they change', async () => {
    write('specs/001-billing/spec.md', '# Billing\n\n## Requirements\n\n- **REQ-001**: The system MUST send invoices.\n- **FR-001**: The system MUST keep them.\n');
    write('tests/billing.test.ts', '// covers REQ-001\n');
    const index = createIndex();
    const state = async () => {
      const snapshot = await index.snapshot();
      return snapshot.trace.graph(rootUri).requirements.map((requirement) => `${requirement.id} ${requirement.tests.length}`);
    };
    assert.deepEqual(await state(), ['FR-001 0']);
    settings = { ...DEFAULT_SETTINGS, idPrefixes: ['REQ-'] };
    index.settingsChanged();
    assert.deepEqual(await state(), ['REQ-001 1', 'FR-001 0']);
    const spec = uri('specs/001-billing/spec.md');
    open = [openSpec(spec, '# Billing\n\n## Requirements\n\n- **REQ-002**: The system MUST send invoices.\n', 2)];
    index.documentChanged(spec);
    assert.deepEqual(await state(), ['REQ-002 0']);
    settings = DEFAULT_SETTINGS;
    index.settingsChanged();
    assert.deepEqual(await state(), []);
  });
});
