#!/usr/bin/env node
// The `specwright` command: runs the bundled CLI (built by `npm run build`).
/* global require -- a CommonJS shim, so that `npm install -g` and npx can run it */
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../dist/cli.js');
