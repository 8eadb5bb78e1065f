#!/usr/bin/env node
// `pennsieve-guard-lsp`: the language server (server/src/server.ts, bundled as dist/server.js),
// on the transport its flags name: --stdio, --node-ipc, --socket=PORT or --pipe=NAME.
'use strict';

const { createServerTransport, startServer } = require('./bundle').requireBundle('server.js');

startServer(createServerTransport());
