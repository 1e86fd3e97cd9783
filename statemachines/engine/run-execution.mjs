#!/usr/bin/env node
// Runs one execution of an ASL state machine locally with aws-local-stepfunctions 3.0.0, calling
// Lambda functions through a local Lambda Invoke endpoint (the Java LocalLambdaEndpoint).
//
//   node statemachines/engine/run-execution.mjs request.json
//
// Request (JSON file):
//   definitionPath   path of the .asl.json (relative to the working directory)   | or
//   definition       the definition text (string) or object
//   substitutions    { "Name": "value" } for `${Name}` placeholders (as CDK definitionSubstitutions)
//   input            execution input (any JSON; default {})
//   executionName    default: a random UUID
//   stateMachineName default: the file name without .asl.json (or "StateMachine")
//   region, accountId   for ARNs in the context object (default us-east-1, 123456789012)
//   lambdaEndpoint   base URL, e.g. http://127.0.0.1:8123 (required if the definition has Tasks)
//   waitTimeOverrides    { "WaitState": milliseconds }
//   retryIntervalOverrides { "State": milliseconds | [milliseconds per retrier] }
//   timeScale        multiplies every Wait and Retry interval that has no explicit override (default 1)
//   abortOnStdinClose    abort the execution when stdin closes (the Java engine sets it)
//
// Output: one JSON object per line on stdout (see emit()). The execution's own success or failure
// is a line (ExecutionSucceeded / ExecutionFailed / ExecutionAborted / ExecutionTimedOut) and the
// exit code is 0; harness errors (bad request, refused definition, ...) go to stderr, exit code 2.
// Commands on stdin (one per line): "abort".

import './polyfill.mjs';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { JSONPath } from 'jsonpath-plus';
import { request, closeAgent } from './http.mjs';
import { DefinitionError, prepare, taskKind, taskStates, allStates, harnessTimeoutPaths } from './definition.mjs';

// When a state fails or times out, the library abandons the promise of its task handler and the
// harness aborts that handler's HTTP calls; the abandoned promise then rejects with nobody
// listening. That rejection is expected and must not end the process.
process.on('unhandledRejection', (reason) => {
  if (reason?.name === 'AbortError') return;
  throw reason;
});

const { StateMachine, ExecutionError, ExecutionAbortedError, ExecutionTimeoutError } =
  await import('aws-local-stepfunctions');

class HarnessError extends Error {
  constructor(message) {
    super(message);
    this.name = 'HarnessError';
  }
}

/** An error a Task reports: Retry/Catch match `name`; Catch's Cause and the events' cause = `message`. */
class TaskError extends Error {
  constructor(name, cause) {
    super(cause ?? '');
    this.name = name;
  }
}

// ---------------------------------------------------------------------------------------------
// The library's StatesTimeoutError is not exported, but Retry/Catch test `instanceof` on it (a
// timeout is not matched by States.TaskFailed). A heartbeat timeout must be one too: obtain the class
// from a 1 ms task timeout in a throw-away machine.
async function discoverStatesTimeoutError() {
  const probe = new StateMachine({
    StartAt: 'T',
    States: { T: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:probe', TimeoutSeconds: 0.001, End: true } },
  }, { validationOptions: { noValidate: true } });
  const execution = probe.run({}, { overrides: { taskResourceLocalHandlers: { T: () => new Promise(() => {}) } } });
  try {
    await execution.result;
  } catch (e) {
    if (e instanceof ExecutionError && e.cause?.name === 'States.Timeout') return e.cause.constructor;
  }
  throw new HarnessError('aws-local-stepfunctions internals changed: could not obtain StatesTimeoutError');
}
const StatesTimeoutError = await discoverStatesTimeoutError();
class HeartbeatTimeoutError extends StatesTimeoutError {
  constructor() {
    super();
    this.name = 'States.HeartbeatTimeout';
    this.message = 'States.HeartbeatTimeout';
  }
}

// ---------------------------------------------------------------------------------------------
// Context object and per-state bookkeeping.
//
// The library builds `$$` once per (sub-)machine run from RunOptions.context, adds only
// Execution.Input/StartTime, and knows nothing of $$.State or $$.Task. We wrap
// StateMachine.prototype.execute (called once per execution, Parallel branch and Map iteration) to
// give every run its own `State` and `Task` objects inside the context, and hook that run's event
// logger: dispatchStateEnteredEvent / dispatchStateRetriedEvent are called synchronously right
// before the state's Parameters are evaluated and its Task handler is called (no await in between),
// so the values set there are what `$$.State.*` / `$$.Task.Token` resolve to, and `current` names
// the state attempt whose handler is about to run.

let current = null; // the Frame whose handler runs next (valid only within one synchronous chain)
const activeFrames = new Set();
const liveTokens = new Set(); // registered with the endpoint and not yet released
const registeredTokens = new Set(); // every token ever registered (swept at the end, in case of races)
const pendingReleases = new Set();

class Frame {
  constructor(run, name, def) {
    this.run = run;
    this.name = name;
    this.def = def;
    this.retryAttempts = (def.Retry ?? []).map(() => 0);
    this.token = null;
    this.controller = new AbortController();
  }

  newAttempt() {
    this.cancel();
    this.controller = new AbortController();
    delete this.run.task.Token;
    this.token = null;
    if (this.def.Type === 'Task' && taskKind(this.def.Resource) === 'lambda:invoke.waitForTaskToken') {
      this.token = randomBytes(36).toString('base64url');
      this.run.task.Token = this.token;
    }
  }

  /** Stops the attempt's in-flight work and invalidates its task token at once. */
  cancel() {
    this.controller.abort();
    if (this.token) releaseTask(this.token);
  }
}

class Run {
  constructor() {
    this.state = {};
    this.task = {};
    this.frame = null;
  }

  enter(name, def, enteredInput) {
    if (this.frame) {
      this.frame.cancel();
      activeFrames.delete(this.frame);
    }
    const frame = new Frame(this, name, def);
    frame.enteredInput = enteredInput;
    this.frame = frame;
    activeFrames.add(frame);
    this.state.Name = name;
    this.state.EnteredTime = new Date().toISOString();
    this.state.RetryCount = 0;
    frame.newAttempt();
    current = frame;
  }

  retried(name, retrier, attempt) {
    const frame = this.frame;
    if (!frame || frame.name !== name) throw new HarnessError(`internal: retry of ${name} outside its frame`);
    const index = (frame.def.Retry ?? []).indexOf(retrier);
    if (index >= 0) frame.retryAttempts[index] = attempt;
    this.state.RetryCount += 1;
    frame.newAttempt();
    current = frame;
  }

  failed(name) {
    const frame = this.frame;
    if (frame && frame.name === name) {
      frame.cancel();
      current = frame;
    }
  }

  finish() {
    if (this.frame) {
      this.frame.cancel();
      activeFrames.delete(this.frame);
      this.frame = null;
    }
  }
}

function takeFrame(stateName) {
  const frame = current;
  if (!frame || frame.name !== stateName) {
    throw new HarnessError(`internal: handler of '${stateName}' called outside its state entry `
      + `(current: ${frame?.name}); aws-local-stepfunctions internals changed?`);
  }
  return frame;
}

let hooksSeen = false;
const originalExecute = StateMachine.prototype.execute;
if (typeof originalExecute !== 'function') {
  throw new HarnessError('aws-local-stepfunctions internals changed: StateMachine.prototype.execute is missing');
}
StateMachine.prototype.execute = function execute(input, options, cleanupFn) {
  const run = new Run();
  const logger = options.eventLogger;
  const machine = this;
  const baseContext = options.runOptions?.context ?? {};
  options.runOptions = { ...options.runOptions, context: { ...baseContext, State: run.state, Task: run.task } };
  for (const m of ['dispatchStateEnteredEvent', 'dispatchStateRetriedEvent', 'dispatchStateFailedEvent']) {
    if (typeof logger?.[m] !== 'function') {
      throw new HarnessError(`aws-local-stepfunctions internals changed: EventLogger.${m} is missing`);
    }
  }
  const entered = logger.dispatchStateEnteredEvent;
  logger.dispatchStateEnteredEvent = function (name, type, stateInput) {
    hooksSeen = true;
    run.enter(name, machine.definition.States[name], stateInput);
    return entered.call(this, name, type, stateInput);
  };
  const retried = logger.dispatchStateRetriedEvent;
  logger.dispatchStateRetriedEvent = function (name, type, stateInput, retrier, attempt) {
    run.retried(name, retrier, attempt);
    return retried.call(this, name, type, stateInput, retrier, attempt);
  };
  const failed = logger.dispatchStateFailedEvent;
  logger.dispatchStateFailedEvent = function (name, type, stateInput, error) {
    run.failed(name);
    return failed.call(this, name, type, stateInput, error);
  };
  const onAbort = () => run.finish();
  options.abortSignal?.addEventListener('abort', onAbort, { once: true });
  return originalExecute.call(this, input, options, () => {
    options.abortSignal?.removeEventListener('abort', onAbort);
    run.finish();
    cleanupFn();
  });
};

// ---------------------------------------------------------------------------------------------
// Request

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

let definitionText;
let defaultName = 'StateMachine';
if (typeof req.definition === 'string') {
  definitionText = req.definition;
} else if (req.definition && typeof req.definition === 'object') {
  definitionText = JSON.stringify(req.definition);
} else if (typeof req.definitionPath === 'string') {
  try {
    definitionText = readFileSync(req.definitionPath, 'utf8');
  } catch (e) {
    fail(`cannot read definition ${req.definitionPath}: ${e.message}`);
  }
  defaultName = basename(req.definitionPath).replace(/\.asl\.json$|\.json$/, '');
} else {
  fail('request needs definitionPath or definition');
}

let prepared;
try {
  prepared = prepare(definitionText, req.substitutions ?? {});
} catch (e) {
  if (e instanceof DefinitionError) fail(e.message);
  throw e;
}
const definition = prepared.runnable;

const region = req.region ?? 'us-east-1';
const accountId = req.accountId ?? '123456789012';
const stateMachineName = req.stateMachineName ?? defaultName;
const executionName = req.executionName ?? randomUUID();
if (!/^[A-Za-z0-9_-]{1,80}$/.test(executionName)) {
  fail(`executionName '${executionName}' is not valid (1-80 of A-Z a-z 0-9 _ -)`);
}
const stateMachineArn = `arn:aws:states:${region}:${accountId}:stateMachine:${stateMachineName}`;
const executionArn = `arn:aws:states:${region}:${accountId}:execution:${stateMachineName}:${executionName}`;
const input = req.input === undefined ? {} : req.input;
const lambdaEndpoint = typeof req.lambdaEndpoint === 'string' ? req.lambdaEndpoint.replace(/\/+$/, '') : null;
const timeScale = req.timeScale === undefined || req.timeScale === null ? 1 : Number(req.timeScale);
if (!(timeScale >= 0)) fail(`timeScale must be a number >= 0, got ${req.timeScale}`);

const tasks = taskStates(definition);
if (tasks.size > 0 && !lambdaEndpoint) fail('lambdaEndpoint is required: the definition has Task states');
const states = allStates(definition);
for (const name of Object.keys(req.waitTimeOverrides ?? {})) {
  if (states.get(name)?.Type !== 'Wait') fail(`waitTimeOverrides names '${name}', which is not a Wait state`);
}

// ---------------------------------------------------------------------------------------------
// Output

function emit(event) {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

function causeString(cause) {
  if (cause === undefined || cause === null) return undefined;
  return typeof cause === 'string' ? cause : JSON.stringify(cause);
}

function translate(ev) {
  const out = { type: ev.type, at: ev.timestamp };
  if (ev.state) {
    out.state = ev.state.name;
    out.stateType = ev.state.type;
  }
  if (ev.parentState) {
    out.state = ev.parentState.name;
    out.stateType = ev.parentState.type;
  }
  if (ev.index !== undefined) out.index = ev.index;
  switch (ev.type) {
    case 'StateEntered':
      out.input = ev.state.input;
      break;
    case 'StateExited':
      out.input = ev.state.input;
      out.output = ev.state.output;
      break;
    case 'StateFailed':
    case 'MapIterationFailed':
    case 'ParallelBranchFailed':
      out.error = ev.Error;
      out.cause = causeString(ev.Cause);
      break;
    case 'StateRetried':
      out.type = 'StateRetry';
      out.attempt = ev.retry?.attempt;
      out.errorEquals = ev.retry?.retrier?.ErrorEquals;
      break;
    case 'StateCaught':
      out.errorEquals = ev.catch?.catcher?.ErrorEquals;
      out.next = ev.catch?.catcher?.Next;
      break;
    default:
      break;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Lambda (Invoke API) and task tokens, against the local endpoint

function headerValue(headers, name) {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

function parsePayload(text) {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

async function invokeLambda(functionName, payload, { invocationType = 'RequestResponse', qualifier, signal, stateName }) {
  if (typeof functionName !== 'string' || functionName === '') {
    throw new TaskError('States.Runtime', `Task '${stateName}': FunctionName is missing`);
  }
  let url = `${lambdaEndpoint}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
  if (qualifier) url += `?Qualifier=${encodeURIComponent(qualifier)}`;
  const body = payload === undefined ? '' : JSON.stringify(payload);
  let res;
  try {
    res = await request('POST', url, {
      body,
      signal,
      headers: {
        'content-type': 'application/json',
        'x-amz-invocation-type': invocationType,
        'x-cutover-execution': executionName,
        'x-cutover-state': stateName,
      },
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new TaskError('Lambda.SdkClientException', `Unable to execute HTTP request: ${e.message}`);
  }
  const requestId = headerValue(res.headers, 'x-amzn-requestid') ?? randomUUID();
  if (res.status < 200 || res.status >= 300) {
    const errorType = (headerValue(res.headers, 'x-amzn-errortype') ?? 'ServiceException').split(':')[0];
    let message = res.text;
    try {
      const parsed = JSON.parse(res.text);
      message = parsed.Message ?? parsed.message ?? res.text;
    } catch { /* keep text */ }
    throw new TaskError(`Lambda.${errorType}`,
      `${message} (Service: Lambda, Status Code: ${res.status}, Request ID: ${requestId})`);
  }
  if (headerValue(res.headers, 'x-amz-function-error')) {
    let errorType;
    try {
      errorType = JSON.parse(res.text)?.errorType;
    } catch { /* not JSON */ }
    throw new TaskError(typeof errorType === 'string' && errorType ? errorType : 'Lambda.Unknown', res.text);
  }
  return { res, requestId };
}

/** The output of `arn:aws:states:::lambda:invoke` as AWS shapes it. */
function invokeOutput(res, requestId) {
  const executedVersion = headerValue(res.headers, 'x-amz-executed-version') ?? '$LATEST';
  const httpHeaders = {
    Connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(res.text)),
    'Content-Type': 'application/json',
    Date: new Date().toUTCString(),
    'X-Amz-Executed-Version': executedVersion,
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': requestId,
    'X-Amzn-Trace-Id': `Root=1-${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(12).toString('hex')};Sampled=0`,
  };
  const allHttpHeaders = Object.fromEntries(Object.entries(httpHeaders).map(([k, v]) => [k, [v]]));
  return {
    ExecutedVersion: executedVersion,
    Payload: res.status === 202 ? '' : parsePayload(res.text),
    SdkHttpMetadata: { AllHttpHeaders: allHttpHeaders, HttpHeaders: httpHeaders, HttpStatusCode: res.status },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: res.status,
  };
}

function numberFromPath(path, value, what) {
  const n = JSONPath({ path, json: value, wrap: false });
  if (!Number.isInteger(n) || n < 1) {
    throw new TaskError('States.Runtime', `${what} '${path}' evaluated to ${JSON.stringify(n)}, expected an integer >= 1`);
  }
  return n;
}

const POLL_MS = 20000;

async function registerTask(token, frame, heartbeatSeconds) {
  liveTokens.add(token);
  registeredTokens.add(token);
  const res = await request('POST', `${lambdaEndpoint}/tasks/${token}`, {
    body: JSON.stringify({ executionName, executionArn, stateName: frame.name, heartbeatSeconds: heartbeatSeconds ?? null }),
    headers: { 'content-type': 'application/json' },
    signal: frame.controller.signal,
  });
  if (res.status < 200 || res.status >= 300) {
    throw new HarnessError(`task endpoint refused token registration: HTTP ${res.status} ${res.text}`);
  }
}

function releaseTask(token, force = false) {
  if (!liveTokens.delete(token) && !force) return undefined;
  const p = request('DELETE', `${lambdaEndpoint}/tasks/${token}`).catch(() => {});
  pendingReleases.add(p);
  p.finally(() => pendingReleases.delete(p));
  return p;
}

async function awaitTask(token, frame, heartbeatSeconds) {
  const signal = frame.controller.signal;
  let lastBeat = Date.now();
  for (;;) {
    let waitMs = POLL_MS;
    if (heartbeatSeconds) {
      const left = lastBeat + heartbeatSeconds * 1000 - Date.now();
      if (left <= 0) throw new HeartbeatTimeoutError();
      waitMs = Math.min(waitMs, left);
    }
    const res = await request('GET', `${lambdaEndpoint}/tasks/${token}?waitMs=${Math.ceil(waitMs)}`, { signal });
    if (res.status === 200) {
      const body = JSON.parse(res.text);
      if (body.status === 'SUCCEEDED') return body.output;
      if (body.status === 'FAILED') throw new TaskError(body.error ?? '', body.cause ?? '');
      throw new HarnessError(`task endpoint answered an unknown status: ${res.text}`);
    }
    if (res.status === 204) {
      const beat = Number(headerValue(res.headers, 'x-task-last-heartbeat'));
      if (Number.isFinite(beat) && beat > lastBeat) lastBeat = beat;
      continue;
    }
    throw new HarnessError(`task endpoint answered HTTP ${res.status} for a pending token: ${res.text}`);
  }
}

/** TimeoutSecondsPath as AWS documents it: read from the state input (after InputPath). */
function withStateInputTimeout(stateName, def, handler) {
  const path = harnessTimeoutPaths.get(stateName);
  if (!path) return handler;
  return async (params) => {
    const frame = takeFrame(stateName);
    const seconds = numberFromPath(path, applyInputPath(def, frame.enteredInput, {}), 'TimeoutSecondsPath');
    let timer;
    const timeout = new Promise((_, reject) => {
      timer = setTimeout(() => reject(new StatesTimeoutError()), seconds * 1000);
    });
    try {
      return await Promise.race([handler(params), timeout]);
    } finally {
      clearTimeout(timer);
    }
  };
}

function makeHandler(stateName, def) {
  return withStateInputTimeout(stateName, def, makeTaskHandler(stateName, def));
}

function makeTaskHandler(stateName, def) {
  const kind = taskKind(def.Resource);
  if (kind === 'lambda-arn') {
    // Plain function ARN: the effective input is the payload, the result is the response payload.
    return async (effectiveInput) => {
      const frame = takeFrame(stateName);
      const { res } = await invokeLambda(def.Resource, effectiveInput, { signal: frame.controller.signal, stateName });
      return parsePayload(res.text);
    };
  }
  if (kind === 'lambda:invoke') {
    return async (params) => {
      const frame = takeFrame(stateName);
      const p = params ?? {};
      const invocationType = p.InvocationType ?? 'RequestResponse';
      const { res, requestId } = await invokeLambda(p.FunctionName, p.Payload, {
        invocationType, qualifier: p.Qualifier, signal: frame.controller.signal, stateName,
      });
      return invokeOutput(res, requestId);
    };
  }
  // lambda:invoke.waitForTaskToken
  return async (params) => {
    const frame = takeFrame(stateName);
    const token = frame.token;
    const p = params ?? {};
    let heartbeatSeconds = def.HeartbeatSeconds;
    if (def.HeartbeatSecondsPath) heartbeatSeconds = numberFromPath(def.HeartbeatSecondsPath, p, 'HeartbeatSecondsPath');
    await registerTask(token, frame, heartbeatSeconds);
    try {
      await invokeLambda(p.FunctionName, p.Payload, {
        invocationType: p.InvocationType ?? 'RequestResponse', qualifier: p.Qualifier, signal: frame.controller.signal, stateName,
      });
      return await awaitTask(token, frame, heartbeatSeconds);
    } finally {
      releaseTask(token);
    }
  };
}

const taskResourceLocalHandlers = {};
for (const [name, def] of tasks) taskResourceLocalHandlers[name] = makeHandler(name, def);

// ---------------------------------------------------------------------------------------------
// Shortened waits and retries

function applyInputPath(def, stateInput, context) {
  if (!('InputPath' in def)) return stateInput;
  if (def.InputPath === null) return {};
  const path = def.InputPath;
  return path.startsWith('$$')
    ? JSONPath({ path: path.slice(1), json: context, wrap: false })
    : JSONPath({ path, json: stateInput, wrap: false });
}

/** The duration a Wait state would pause for, in ms, evaluated like the library does. */
function waitMillis(def, stateInput) {
  const effective = applyInputPath(def, stateInput, {});
  if (def.Seconds) return def.Seconds * 1000;
  if (def.Timestamp) return new Date(def.Timestamp).getTime() - Date.now();
  if (def.SecondsPath) return JSONPath({ path: def.SecondsPath, json: effective, wrap: false }) * 1000;
  if (def.TimestampPath) return new Date(JSONPath({ path: def.TimestampPath, json: effective, wrap: false })).getTime() - Date.now();
  return 0;
}

const explicitWaits = req.waitTimeOverrides ?? {};
const waitTimeOverrides = new Proxy({}, {
  get(_, stateName) {
    if (typeof stateName !== 'string') return undefined;
    if (Object.prototype.hasOwnProperty.call(explicitWaits, stateName)) return Number(explicitWaits[stateName]);
    if (timeScale === 1) return undefined;
    const frame = current;
    if (!frame || frame.name !== stateName) return undefined;
    try {
      return Math.max(0, Math.round(waitMillis(frame.def, frame.enteredInput) * timeScale));
    } catch {
      return undefined; // let the library evaluate (and report) it
    }
  },
});

const explicitRetries = req.retryIntervalOverrides ?? {};
const retryIntervalOverrides = new Proxy({}, {
  get(_, stateName) {
    if (typeof stateName !== 'string') return undefined;
    if (Object.prototype.hasOwnProperty.call(explicitRetries, stateName)) return explicitRetries[stateName];
    if (timeScale === 1) return undefined;
    const frame = current;
    if (!frame || frame.name !== stateName) return undefined;
    return (frame.def.Retry ?? []).map((r, i) => {
      const interval = (r.IntervalSeconds ?? 1) * Math.pow(r.BackoffRate ?? 2, frame.retryAttempts[i] ?? 0);
      const capped = r.MaxDelaySeconds ? Math.min(interval, r.MaxDelaySeconds) : interval;
      return capped * 1000 * timeScale;
    });
  },
});

// ---------------------------------------------------------------------------------------------
// Run

const startTime = new Date();
const context = {
  Execution: {
    Id: executionArn,
    Name: executionName,
    RoleArn: `arn:aws:iam::${accountId}:role/${stateMachineName}-role`,
    RedriveCount: 0,
  },
  CutoverExecution: {
    Id: executionArn,
    Input: input,
    Name: executionName,
    RoleArn: `arn:aws:iam::${accountId}:role/${stateMachineName}-role`,
    StartTime: startTime.toISOString(),
    RedriveCount: 0,
  },
  StateMachine: { Id: stateMachineArn, Name: stateMachineName },
};

const machine = new StateMachine(definition, { validationOptions: { noValidate: true } });
emit({ type: 'ExecutionStarted', at: startTime.getTime(), executionName, executionArn, stateMachineArn, input });
const execution = machine.run(input, {
  context,
  overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides },
});

let aborting = false;
function abort() {
  if (aborting) return;
  aborting = true;
  execution.abort();
}
process.on('SIGTERM', abort);
process.on('SIGINT', abort);
if (req.abortOnStdinClose) {
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (line) => {
    if (line.trim() === 'abort') abort();
  });
  rl.on('close', abort);
} else {
  process.stdin.on('error', () => {});
  createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() === 'abort') abort();
  });
}

let terminal = null;
const consumer = (async () => {
  for await (const ev of execution.eventLogs) {
    if (['ExecutionStarted'].includes(ev.type)) continue;
    if (['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimeout'].includes(ev.type)) {
      terminal = ev;
      continue;
    }
    emit(translate(ev));
  }
})();

let final;
try {
  const output = await execution.result;
  final = { type: 'ExecutionSucceeded', output };
} catch (e) {
  if (e instanceof ExecutionAbortedError) {
    final = { type: 'ExecutionAborted' };
  } else if (e instanceof ExecutionTimeoutError) {
    final = { type: 'ExecutionTimedOut', error: 'States.Timeout', cause: 'The execution timed out (TimeoutSeconds)' };
  } else if (e instanceof ExecutionError) {
    const err = e.cause;
    if (err instanceof HarnessError) {
      process.stderr.write(`run-execution: ${err.message}\n`);
      process.exit(2);
    }
    final = { type: 'ExecutionFailed', error: err?.name ?? 'Error', cause: causeString(err?.cause ?? err?.message) };
  } else {
    process.stderr.write(`run-execution: ${e?.stack ?? e}\n`);
    process.exit(2);
  }
}
await Promise.race([consumer, new Promise((r) => setTimeout(r, 1000))]);
for (const frame of activeFrames) frame.cancel();
for (const token of registeredTokens) releaseTask(token, true);
await Promise.race([Promise.allSettled([...pendingReleases]), new Promise((r) => setTimeout(r, 2000))]);
if (terminal?.type === 'ExecutionFailed' && final.type === 'ExecutionFailed') {
  final.error = terminal.Error ?? final.error;
  final.cause = causeString(terminal.Cause) ?? final.cause;
}
if (!hooksSeen && final.type !== 'ExecutionAborted') {
  process.stderr.write('run-execution: aws-local-stepfunctions internals changed: state entry hook never ran\n');
  process.exit(2);
}
final.at = terminal?.timestamp ?? Date.now();
closeAgent();
process.stdout.write(`${JSON.stringify(final)}\n`, () => process.exit(0));
