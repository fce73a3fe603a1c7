// Installs the built extension into an extensions folder the way a VSIX install would: the
// files .vscodeignore lets into the package, under <publisher>.<name>-<version>/, and an
// entry in the folder's extensions.json. An installed extension, unlike one under
// development, is subject to VS Code's enablement rules, Restricted Mode's among them.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { repoRoot } from './paths.mjs';

/** The files of the package: the `!pattern` lines of .vscodeignore (`dir/**`, `dir/*.ext`, `file`). */
function packagedFiles() {
  const patterns = readFileSync(join(repoRoot, '.vscodeignore'), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('!'))
    .map((line) => line.slice(1));
  const files = [];
  for (const pattern of patterns) {
    if (pattern.endsWith('/**')) {
      const dir = pattern.slice(0, -3);
      if (existsSync(join(repoRoot, dir))) files.push(dir);
    } else if (pattern.includes('*')) {
      const dir = dirname(pattern);
      const name = pattern.slice(dir.length + 1);
      const regexp = new RegExp(`^${name.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`);
      if (existsSync(join(repoRoot, dir))) {
        files.push(...readdirSync(join(repoRoot, dir)).filter((file) => regexp.test(file)).map((file) => `${dir}/${file}`));
      }
    } else if (existsSync(join(repoRoot, pattern))) files.push(pattern);
  }
  return files;
}

/** Copies the extension into `extensionsDir` and registers it; returns its folder. */
export function installExtension(extensionsDir) {
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8'));
  const id = `${manifest.publisher}.${manifest.name}`;
  const folderName = `${id}-${manifest.version}`;
  const target = join(extensionsDir, folderName);
  for (const file of packagedFiles()) {
    const source = join(repoRoot, file);
    cpSync(source, join(target, file), { recursive: statSync(source).isDirectory() });
  }
  mkdirSync(extensionsDir, { recursive: true });
  const registry = [
    {
      identifier: { id },
      version: manifest.version,
      location: { $mid: 1, scheme: 'file', path: target },
      relativeLocation: folderName,
      metadata: { installedTimestamp: Date.now(), source: 'vsix' },
    },
  ];
  writeFileSync(join(extensionsDir, 'extensions.json'), JSON.stringify(registry));
  return target;
}
