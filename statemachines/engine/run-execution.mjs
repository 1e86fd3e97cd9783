#!/usr/bin/env node
// Runs one execution (see execution.mjs for the request) and exits: a tool for trying a
// definition by hand. The Java engine runs every execution in one engine-server.mjs process.
//
//   node statemachines/engine/run-execution.mjs request.json
//
// Output: one JSON object per line on stdout. The execution's own success or failure is a line
// (ExecutionSucceeded / ExecutionFailed / ExecutionAborted / ExecutionTimedOut) and the exit code
// is 0; harness errors (bad request, refused definition, ...) go to stderr, exit code 2.
// Stdin: a line "abort" aborts the execution (StopExecution); so does SIGTERM/SIGINT, and, with
// "abortOnStdinClose": true in the request, the end of stdin.

import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { closeAgent } from './http.mjs';
import { HarnessError, startExecution } from './execution.mjs';

function fail(message) {
  process.stderr.write(`run-execution: ${message}\n`);
  process.exit(2);
}

const requestPath = process.argv[2];
if (!requestPath) fail('usage: run-execution.mjs <request.json>');
let req;
try {
  req = JSON.parse(readFileSync(requestPath, 'utf8'));
} catch (e) {
  fail(`cannot read request ${requestPath}: ${e.message}`);
}

let execution;
try {
  execution = startExecution(req, (event) => process.stdout.write(`${JSON.stringify(event)}\n`));
} catch (e) {
  if (e instanceof HarnessError) fail(e.message);
  throw e;
}
process.on('SIGTERM', execution.abort);
process.on('SIGINT', execution.abort);
process.stdin.on('error', () => {});
const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => {
  if (line.trim() === 'abort') execution.abort();
});
if (req.abortOnStdinClose) commands.on('close', execution.abort);

try {
  await execution.done;
} catch (e) {
  fail(e instanceof HarnessError ? e.message : (e?.stack ?? String(e)));
}
closeAgent();
process.stdout.write('', () => process.exit(0));
