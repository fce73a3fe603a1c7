#!/usr/bin/env node
// The `specwright-language-server` command: the bundled language server. Pass --stdio
// (or --node-ipc, --socket=<port>) to choose the transport.
/* global require -- a CommonJS shim, so that `npm install -g` and npx can run it */
'use strict';
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../dist/server.js');
