#!/usr/bin/env node
// The local Step Functions engine for many executions at once (one process for the whole
// rehearsal: no node start-up and no definition validation per execution).
//
//   node statemachines/engine/engine-server.mjs
//
// Stdin, one JSON command per line:
//   {"start": "<id>", "request": {...}}   starts an execution (request: see execution.mjs)
//   {"abort": "<id>"}                      StopExecution
// Stdout, one JSON object per line:
//   {"id": "<id>", "event": {...}}         an event of that execution; its last is the final one
//   {"id": "<id>", "harnessError": "..."}  the execution could not run (bad request, refused definition)
//   {"ready": true}                        once, when the engine has loaded
// Every running execution is aborted and the process ends when stdin closes (the JVM went away).

import { createInterface } from 'node:readline';
import { closeAgent } from './http.mjs';
import { HarnessError, startExecution } from './execution.mjs';

const running = new Map();

function write(message) {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

function harnessError(id, e) {
  write({ id, harnessError: e instanceof HarnessError ? e.message : (e?.stack ?? String(e)) });
}

function start(id, request) {
  if (running.has(id)) {
    write({ id, harnessError: `an execution with id ${id} is already running` });
    return;
  }
  let execution;
  try {
    execution = startExecution(request ?? {}, (event) => write({ id, event }));
  } catch (e) {
    harnessError(id, e);
    return;
  }
  running.set(id, execution);
  execution.done.catch((e) => harnessError(id, e)).finally(() => running.delete(id));
}

const commands = createInterface({ input: process.stdin });
commands.on('line', (line) => {
  if (!line.trim()) return;
  let command;
  try {
    command = JSON.parse(line);
  } catch (e) {
    process.stderr.write(`engine-server: not a JSON command: ${line}\n`);
    return;
  }
  if (typeof command.start === 'string') start(command.start, command.request);
  else if (typeof command.abort === 'string') running.get(command.abort)?.abort();
  else process.stderr.write(`engine-server: unknown command: ${line}\n`);
});
commands.on('close', async () => {
  for (const execution of running.values()) execution.abort();
  await Promise.race([Promise.allSettled([...running.values()].map((e) => e.done)), new Promise((r) => setTimeout(r, 3000))]);
  closeAgent();
  process.stdout.write('', () => process.exit(0));
});
process.stdin.on('error', () => {});
write({ ready: true });
