// Entry point VS Code loads in the extension host (`--extensionTestsPath`): runs every
// bundled `*.test.js` next to this file with mocha and, when SPECWRIGHT_EDITOR_RESULTS names
// a file, writes the counts there so the runner can print its summary line.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

interface TestOutcome {
  title: string;
  state: 'passed' | 'failed';
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  const grep = process.env.SPECWRIGHT_EDITOR_GREP;
  if (grep) mocha.grep(grep);
  const files = fs
    .readdirSync(__dirname)
    .filter((name) => name.endsWith('.test.js'))
    .sort();
  for (const name of files) mocha.addFile(path.join(__dirname, name));

  const outcomes: TestOutcome[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const resultsFile = process.env.SPECWRIGHT_EDITOR_RESULTS;
      if (resultsFile) {
        const passed = outcomes.filter((o) => o.state === 'passed').length;
        const failed = outcomes.filter((o) => o.state === 'failed').length;
        fs.writeFileSync(resultsFile, JSON.stringify({ passed, failed, files: files.length, tests: outcomes }, null, 2));
      }
      if (failures > 0) reject(new Error(`${failures} editor test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => outcomes.push({ title: test.fullTitle(), state: 'passed' }));
    // 'fail' also fires for hooks, so a broken suiteSetup counts as a failure too.
    runner.on('fail', (test, error: Error) =>
      outcomes.push({ title: test.fullTitle(), state: 'failed', error: error?.message }),
    );
  });
}
