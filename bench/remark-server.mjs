// The LSP anchor: remark's language server assembled from `unified-language-server` and
// `remark` with the options the published remark-language-server passes. Plugins come from
// the workspace folder's `.remarkrc.json`, resolved from its node_modules.
//
// One patch, so that the server answers at all on larger documents: unified-language-server
// hands unified-engine a PassThrough as `streamError` and never reads it. Once a file's
// report passes the stream's high-water mark (16 KiB, about a hundred lint messages), the
// engine's write never completes and no diagnostics are published. Here every PassThrough is
// created in flowing mode, so what the engine writes is simply discarded.
// Usage: node bench/remark-server.mjs --stdio
import { syncBuiltinESMExports } from 'node:module';
import stream from 'node:stream';

const OriginalPassThrough = stream.PassThrough;
class FlowingPassThrough extends OriginalPassThrough {
  constructor(options) {
    super(options);
    this.resume();
  }
}
stream.PassThrough = FlowingPassThrough;
// Make `import { PassThrough } from 'node:stream'` in modules loaded later see the patch.
syncBuiltinESMExports();

const { remark } = await import('remark');
const { createUnifiedLanguageServer } = await import('unified-language-server');

createUnifiedLanguageServer({
  configurationSection: 'remark',
  defaultProcessor: remark,
  ignoreName: '.remarkignore',
  packageField: 'remarkConfig',
  pluginPrefix: 'remark',
  processorName: 'remark',
  processorSpecifier: 'remark',
  rcName: '.remarkrc',
});
