#!/usr/bin/env node
// The `strongroom` command: registers tsx so the CLI runs from its TypeScript
// source (there is no build step), then runs one command line.
'use strict';

require('tsx/cjs');
const { createLogger, logCrashesThrough } = require('@strongroom/observability');
const { runCli } = require('../src/cli/main.ts');

// Only a crash is logged, on stderr: standard output carries the command's result.
logCrashesThrough(createLogger({ name: 'strongroom', level: 'fatal', destination: { write: (line) => process.stderr.write(line) } }));

runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`strongroom: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 255;
  },
);
