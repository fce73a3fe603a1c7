import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { configToSettings, parseConfigFile, type ConfigProblem } from '../../server/src/core/config/config-file';
import fc from 'fast-check';
import { DEFAULT_SETTINGS, isBoundedGlob, normalizeSettings } from '../../server/src/core/config/settings';

/** Each problem as `severity text-at-range: message`, so a test shows exactly where it points. */
function located(text: string, problems: readonly ConfigProblem[]): string[] {
  return problems.map((p) => `${p.severity} ${JSON.stringify(text.slice(p.range.start, p.range.end))}: ${p.message}`);
}

describe('config file', () => {
  test('an empty file or one with only comments is an empty config', () => {
    for (const text of ['', '# nothing yet\n', '{}']) {
      assert.deepEqual(parseConfigFile(text, '.specwright.yaml'), { config: {}, problems: [] }, JSON.stringify(text));
    }
  });

  test('reads every key from YAML and from JSON alike', () => {
    const yaml = [
      'files: ["design/**/*.md"]',
      'includeFiles: [notes/plan.md]',
      'excludeFiles:',
      '  - "**/archive/**"',
      'rules:',
      '  empty-section: off',
      '  unfilled-placeholder: error',
      'specsFolder: design',
      'templateFolders: [templates, .specwright/templates]',
      '',
    ].join('\n');
    const expected = {
      files: ['design/**/*.md'],
      includeFiles: ['notes/plan.md'],
      excludeFiles: ['**/archive/**'],
      rules: { 'empty-section': 'off', 'unfilled-placeholder': 'error' },
      specsFolder: 'design',
      templateFolders: ['templates', '.specwright/templates'],
    };
    assert.deepEqual(parseConfigFile(yaml, '.specwright.yaml'), { config: expected, problems: [] });
    const json = JSON.stringify({ $schema: './config.schema.json', ...expected }, null, '\t');
    assert.deepEqual(parseConfigFile(json, '.specwright.json'), { config: { $schema: './config.schema.json', ...expected }, problems: [] });
  });

  test('broken YAML is an error where the parser stopped', () => {
    const text = 'files: [a.md\nrules: {}\n';
    const { config, problems } = parseConfigFile(text, '.specwright.yml');
    assert.deepEqual(config, {});
    assert.equal(problems.length, 1);
    assert.equal(problems[0]?.severity, 'error');
    assert.match(problems[0]?.message ?? '', /^Expected valid YAML, found: Flow sequence/);
    assert.equal(problems[0]?.range.start, text.indexOf('rules'));
  });

  test('a duplicate key is an error on the second one', () => {
    const text = 'specsFolder: a\nspecsFolder: b\n';
    assert.deepEqual(located(text, parseConfigFile(text, '.specwright.yaml').problems), [
      'error "s": Expected valid YAML, found: Map keys must be unique',
    ]);
  });

  test('JSON that YAML would accept but JSON does not is an error at the exact character', () => {
    const text = '{\n  "files": ["a.md"],\n}\n';
    const { problems } = parseConfigFile(text, '.specwright.json');
    assert.deepEqual(located(text, problems), ['error "}": Expected valid JSON, found: Expected double-quoted property name']);
    assert.deepEqual(parseConfigFile(text, '.specwright.yaml').problems, [], 'the same text is fine YAML');
  });

  test('schema errors point at the value, with the rest of the file kept', () => {
    const text = ['files: docs/*.md', 'includeFiles: [ok.md, ""]', 'rules:', '  empty-section: loud', 'specsFolder: 3', ''].join('\n');
    const { config, problems } = parseConfigFile(text, '.specwright.yaml');
    assert.deepEqual(located(text, problems), [
      'error "docs/*.md": Expected `files` to be a list, found `docs/*.md`',
      'error "\\"\\"": Expected `includeFiles.1` to be a non-empty string, found an empty one',
      'error "loud": Expected `error`, `warning`, `information`, `hint` or `off` for `rules.empty-section`, found `loud`',
      'error "3": Expected `specsFolder` to be a string, found `3`',
    ]);
    assert.deepEqual(config, { includeFiles: ['ok.md'], rules: {} });
  });

  test('unknown keys and rule ids are warnings on the key', () => {
    const text = 'exludeFiles: [a]\nrules:\n  empty-sections: off\n  mojibake: error\n';
    const { config, problems } = parseConfigFile(text, '.specwright.yaml');
    assert.deepEqual(
      located(text, problems).map((line) => line.replace(/\(`.*`\)/, '(…)')),
      [
        'warning "exludeFiles": Expected one of `files`, `includeFiles`, `excludeFiles`, `traceFiles`, `testFiles`, `rules`, `specsFolder`, `templateFolders`, `idPrefixes`, found the unknown key `exludeFiles`',
        'warning "empty-sections": Expected a rule id (…), found the unknown rule `empty-sections`',
      ],
    );
    assert.deepEqual(config, { rules: { 'empty-sections': 'off', mojibake: 'error' } });
  });

  test('template folders must stay inside the config file\'s folder', () => {
    const text = 'templateFolders:\n  - /etc/templates\n  - C:\\templates\n  - ../shared\n  - a/../../b\n  - ~/templates\n  - ./mine\n';
    const { config, problems } = parseConfigFile(text, '.specwright.yaml');
    assert.deepEqual(located(text, problems), [
      'error "/etc/templates": Expected a folder relative to the config file\'s folder, found an absolute path',
      'error "C:\\\\templates": Expected a folder relative to the config file\'s folder, found an absolute path',
      'error "../shared": Expected a folder inside the config file\'s folder, found a path that leaves it with `..`',
      'error "a/../../b": Expected a folder inside the config file\'s folder, found a path that leaves it with `..`',
      'error "~/templates": Expected a folder relative to the config file\'s folder, found a path in the home folder (`~`)',
    ]);
    assert.deepEqual(config, { templateFolders: ['./mine'] });
  });

  test('globs with too many wildcards are errors on the glob', () => {
    const text = 'files:\n  - "**/specs/**/*.md"\n  - "docs/*a*a*a*b.md"\nexcludeFiles:\n  - "**/*x*x*x*"\n';
    const { config, problems } = parseConfigFile(text, '.specwright.yaml');
    assert.deepEqual(located(text, problems), [
      'error "\\"docs/*a*a*a*b.md\\"": Expected at most 3 runs of `*` in one path segment, found more (each one makes matching a long file name much slower)',
      'error "\\"**/*x*x*x*\\"": Expected a glob with at most 4 runs of `*`, found more (each one makes matching a long file name much slower)',
      'error "\\"**/*x*x*x*\\"": Expected at most 3 runs of `*` in one path segment, found more (each one makes matching a long file name much slower)',
    ]);
    assert.deepEqual(config, { files: ['**/specs/**/*.md'], excludeFiles: [] });
  });

  test('the config schema and the settings agree on which globs are too costly', () => {
    const glob = fc.array(fc.constantFrom('*', '**', '/', 'a', '.md', '-', '?'), { minLength: 1, maxLength: 14 }).map((parts) => parts.join(''));
    fc.assert(
      fc.property(glob, (text) => {
        const { config } = parseConfigFile(JSON.stringify({ files: [text] }), '.specwright.json');
        assert.equal((config.files ?? []).length === 1, isBoundedGlob(text), text);
      }),
      { numRuns: 500 },
    );
  });

  test('a file that is not a mapping is one error', () => {
    const text = '- files\n';
    assert.deepEqual(located(text, parseConfigFile(text, '.specwright.yaml').problems), [
      'error "- files\\n": Expected the file to be a mapping, found a list',
    ]);
  });

  test('ranges are UTF-16 offsets into the text', () => {
    const text = '# 🟡 ✅ — settings for the team\nspecsFolder: [x]\n';
    const [problem] = parseConfigFile(text, '.specwright.yaml').problems;
    assert.equal(problem?.range.start, text.indexOf('[x]'));
    assert.equal(problem?.range.end, text.indexOf('[x]') + 3);
  });

  test('never throws on odd input', () => {
    for (const text of ['\u0000', '{{{', 'a: *b', '&a [*a]', '\uFEFF{"files": 1}', 'x: !!binary zzz', '[1, 2', '"\\u']) {
      for (const name of ['.specwright.yaml', '.specwright.json']) {
        const { problems } = parseConfigFile(text, name);
        for (const p of problems) assert.ok(p.range.start >= 0 && p.range.start <= p.range.end && p.range.end <= text.length, JSON.stringify([text, p]));
      }
    }
  });

  test('becomes settings: lists replace the defaults, rules merge over them', () => {
    const { config } = parseConfigFile('files: [design/**/*.md]\nrules: { empty-section: off }\n', '.specwright.yaml');
    const base = normalizeSettings({ rules: { 'unfilled-placeholder': 'error', 'empty-section': 'hint' } });
    const settings = configToSettings(config, base);
    assert.deepEqual(settings.files, ['design/**/*.md']);
    assert.deepEqual(settings.excludeFiles, DEFAULT_SETTINGS.excludeFiles);
    assert.deepEqual(settings.rules, { 'unfilled-placeholder': 'error', 'empty-section': 'off' });
    assert.deepEqual(configToSettings({}), DEFAULT_SETTINGS);
  });

  test('idPrefixes: a team\'s own ID prefixes, as written, sorted; what cannot be an ID prefix is left out', () => {
    const { config, problems } = parseConfigFile('idPrefixes: ["REQ-", "BR-"]\n', '.specwright.yaml');
    assert.deepEqual(problems, []);
    assert.deepEqual(configToSettings(config).idPrefixes, ['BR-', 'REQ-']);
    assert.deepEqual(normalizeSettings({ idPrefixes: ['UC', 'req-', 'REQ-', 'REQ-', 42, 'A-B-'] }).idPrefixes, ['REQ-', 'UC']);
    assert.deepEqual(normalizeSettings({}).idPrefixes, []);
  });
});
