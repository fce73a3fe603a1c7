// One settings schema (house style, principle 7): package.json `contributes` and the
// server's typed settings module must agree, and so must the declared commands and
// the ones the client registers.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, test } from 'node:test';
import { RULES } from '../../server/src/core/lint/registry';
import { DEFAULT_SETTINGS, normalizeSettings } from '../../server/src/core/config/settings';

const ROOT = resolve(__dirname, '../..');

interface PropertySchema {
  type?: string;
  default?: unknown;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  description?: string;
  properties?: Record<string, PropertySchema>;
  additionalProperties?: PropertySchema | boolean;
}

interface Manifest {
  contributes: {
    commands: { command: string }[];
    menus?: Record<string, { command: string }[]>;
    configuration: { properties: Record<string, PropertySchema> };
  };
}

const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Manifest;
const properties = manifest.contributes.configuration.properties;
const PREFIX = 'specwright.';
/** Read by the client (or by vscode-languageclient itself), never by the server. */
const CLIENT_ONLY = new Set(['specwright.trace.server', 'specwright.author']);
const SEVERITY_ENUM = ['error', 'warning', 'information', 'hint', 'off'];

/** `specwright.<key>` settings the server reads, keyed by `<key>`. */
const serverProperties = new Map(
  Object.entries(properties)
    .filter(([name]) => !CLIENT_ONLY.has(name))
    .map(([name, schema]) => [name.slice(PREFIX.length), schema] as const),
);
const defaults = DEFAULT_SETTINGS as unknown as Record<string, unknown>;

function jsonType(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value === 'object' ? 'object' : typeof value;
}

describe('package.json configuration and server/src/core/config/settings.ts', () => {
  test('every setting is named specwright.<key>', () => {
    for (const name of Object.keys(properties)) assert.ok(name.startsWith(PREFIX), name);
  });

  test('every package.json setting is in DEFAULT_SETTINGS with the same default', () => {
    for (const [key, schema] of serverProperties) {
      assert.ok(Object.hasOwn(defaults, key), `DEFAULT_SETTINGS lacks ${key} (declared as ${PREFIX}${key})`);
      assert.deepEqual(defaults[key], schema.default, `default of ${PREFIX}${key}`);
      assert.equal(jsonType(schema.default), schema.type, `${PREFIX}${key}: default does not have the declared type`);
    }
  });

  test('every DEFAULT_SETTINGS key is declared in package.json', () => {
    for (const key of Object.keys(defaults)) assert.ok(serverProperties.has(key), `package.json lacks ${PREFIX}${key}`);
  });

  test('specwright.rules lists exactly the registered rules, with the severity enum', () => {
    const schema = properties['specwright.rules'];
    assert.ok(schema?.properties, 'specwright.rules.properties');
    assert.deepEqual(Object.keys(schema.properties).sort(), RULES.map((rule) => rule.meta.id).sort());
    for (const { meta } of RULES) {
      const rule: PropertySchema | undefined = schema.properties[meta.id];
      assert.equal(rule?.type, 'string', meta.id);
      assert.deepEqual(rule?.enum, SEVERITY_ENUM, meta.id);
      assert.match(rule?.description ?? '', new RegExp(`\\(default: ${meta.defaultSeverity}\\)\\.?$`), `${meta.id}: description names the default`);
    }
    assert.deepEqual((schema.additionalProperties as PropertySchema).enum, SEVERITY_ENUM, 'additionalProperties');
  });

  test('normalizeSettings accepts exactly the severities package.json offers', () => {
    for (const severity of SEVERITY_ENUM) {
      assert.equal(normalizeSettings({ rules: { 'empty-section': severity } }).rules['empty-section'], severity);
    }
    assert.equal(normalizeSettings({ rules: { 'empty-section': 'fatal' } }).rules['empty-section'], undefined);
  });

  test('normalizeSettings of the package.json defaults gives DEFAULT_SETTINGS', () => {
    for (const [key, schema] of serverProperties) {
      assert.deepEqual(normalizeSettings({ [key]: schema.default }), DEFAULT_SETTINGS, `${PREFIX}${key}`);
    }
    const all = Object.fromEntries([...serverProperties].map(([key, schema]) => [key, schema.default]));
    assert.deepEqual(normalizeSettings(all), DEFAULT_SETTINGS);
  });

  test('normalizeSettings clamps numbers to the declared minimum and maximum', () => {
    for (const [key, schema] of serverProperties) {
      if (schema.type !== 'number') continue;
      const read = (value: number) => (normalizeSettings({ [key]: value }) as unknown as Record<string, unknown>)[key];
      if (schema.minimum !== undefined) assert.equal(read(schema.minimum - 1), schema.minimum, `${PREFIX}${key} minimum`);
      if (schema.maximum !== undefined) assert.equal(read(schema.maximum + 1), schema.maximum, `${PREFIX}${key} maximum`);
    }
  });
});

describe('package.json commands and client/src/extension.ts', () => {
  const declared = manifest.contributes.commands.map((c) => c.command).sort();
  const extension = readFileSync(join(ROOT, 'client/src/extension.ts'), 'utf8');
  const registered = [...extension.matchAll(/registerCommand\(\s*['"`]([^'"`]+)['"`]/g)].map((m) => m[1]).sort();

  test('every declared command is registered, and every registered command is declared', () => {
    assert.ok(registered.length > 0, 'found no registerCommand calls');
    assert.deepEqual(registered, declared);
  });

  test('commands are named specwright.<verbPhrase>', () => {
    for (const command of declared) assert.match(command, /^specwright\.[a-z][A-Za-z]*$/);
  });

  test('menus refer only to declared commands', () => {
    for (const [menu, items] of Object.entries(manifest.contributes.menus ?? {})) {
      for (const { command } of items) assert.ok(declared.includes(command), `${menu}: ${command}`);
    }
  });
});
