#!/usr/bin/env node
// The `specwright` command: runs the bundled CLI (built by `npm run build`), with V8's code
// cache kept between runs (see compile-cache.js).
/* global require, __dirname -- a CommonJS shim, so that `npm install -g` and npx can run it */
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { requireWithCompileCache } = require('./compile-cache.js');
// eslint-disable-next-line @typescript-eslint/no-require-imports
requireWithCompileCache(require('node:path').join(__dirname, '..', 'dist', 'cli.js'));
