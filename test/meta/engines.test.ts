// package.json's `engines.node` is a promise: every Node.js version it admits runs every
// package the lockfile installs (their own `engines.node`), so `npm ci` never warns
// EBADENGINE on a version README says is enough.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import semver from 'semver';

const ROOT = join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string } };
const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: unknown }>;
};

describe('engines', () => {
  test('every installed package runs on every Node.js version package.json admits', () => {
    const ours = manifest.engines.node;
    assert.ok(semver.validRange(ours), ours);
    const refused = Object.entries(lock.packages)
      .filter(([path]) => path !== '')
      .flatMap(([path, entry]) => {
        const theirs = (entry.engines as { node?: unknown } | undefined)?.node;
        if (typeof theirs !== 'string' || !semver.validRange(theirs)) return [];
        return semver.subset(ours, theirs) ? [] : [`${path.replace(/^node_modules\//, '')}@${entry.version}: node ${theirs}`];
      });
    assert.deepEqual(refused, [], `package.json says node ${ours}`);
  });

  test('README names the same minimum', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const minimum = semver.minVersion(manifest.engines.node);
    assert.ok(minimum);
    assert.match(readme, new RegExp(`Node\\.js ${minimum.major}\\.${minimum.minor}\\b`));
  });

  test('this run is on a version package.json admits', () => {
    assert.ok(semver.satisfies(process.version, manifest.engines.node), `${process.version} is outside ${manifest.engines.node}`);
  });
});
