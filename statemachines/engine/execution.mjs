// One execution of an ASL state machine on aws-local-stepfunctions 3.0.0, with its Lambda calls and
// task tokens going to a local Lambda Invoke endpoint (the Java LocalLambdaEndpoint). Any number
// of executions may run at once in one process (engine-server.mjs); run-execution.mjs runs one.
//
// Request (an object):
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
//
// Events (see translate()) go to the `emit` callback in order, the last one being exactly one of
// ExecutionSucceeded / ExecutionFailed / ExecutionAborted / ExecutionTimedOut. Harness errors (bad
// request, refused definition, library internals changed) are a HarnessError instead.

import './polyfill.mjs';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { randomBytes, randomUUID } from 'node:crypto';
import { JSONPath } from 'jsonpath-plus';
import { request } from './http.mjs';
import { DefinitionError, prepare, taskKind, taskStates, allStates } from './definition.mjs';

// When a state fails or times out, the library abandons the promise of its task handler and the
// harness aborts that handler's HTTP calls; the abandoned promise then rejects with nobody
// listening. That rejection is expected and must not end the process.
process.on('unhandledRejection', (reason) => {
  if (reason?.name === 'AbortError') return;
  throw reason;
});

const { StateMachine, ExecutionError, ExecutionAbortedError, ExecutionTimeoutError } =
  await import('aws-local-stepfunctions');

export class HarnessError extends Error {
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
// StateMachine.prototype.execute (called once per execution, Parallel branch and Map iteration;
// RunOptions, and so `cutoverExecution`, are handed down to the nested runs) to give every run its
// own `State` and `Task` objects inside the context, and hook that run's event logger:
// dispatchStateEnteredEvent / dispatchStateRetriedEvent are called synchronously right before the
// state's Parameters are evaluated and its Task handler is called (no await in between), so the
// values set there are what `$$.State.*` / `$$.Task.Token` resolve to, and the execution's `current`
// names the state attempt whose handler is about to run.

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
    if (this.token) this.run.execution.releaseTask(this.token);
  }

  /** A harness event of this state attempt, in order with the library's own (same event logger). */
  event(type, details) {
    if (this.controller.signal.aborted) return;
    this.run.logger.dispatch({ type, timestamp: Date.now(), state: { name: this.name, type: this.def.Type }, details });
  }
}

class Run {
  constructor(execution, logger) {
    this.execution = execution;
    this.logger = logger;
    this.state = {};
    this.task = {};
    this.frame = null;
  }

  enter(name, def, enteredInput) {
    if (this.frame) {
      this.frame.cancel();
      this.execution.activeFrames.delete(this.frame);
    }
    const frame = new Frame(this, name, def);
    frame.enteredInput = enteredInput;
    this.frame = frame;
    this.execution.activeFrames.add(frame);
    this.state.Name = name;
    this.state.EnteredTime = new Date().toISOString();
    this.state.RetryCount = 0;
    frame.newAttempt();
    this.execution.current = frame;
  }

  retried(name, retrier, attempt) {
    const frame = this.frame;
    if (!frame || frame.name !== name) throw new HarnessError(`internal: retry of ${name} outside its frame`);
    const index = (frame.def.Retry ?? []).indexOf(retrier);
    if (index >= 0) frame.retryAttempts[index] = attempt;
    this.state.RetryCount += 1;
    frame.newAttempt();
    this.execution.current = frame;
  }

  failed(name) {
    const frame = this.frame;
    if (frame && frame.name === name) {
      frame.cancel();
      this.execution.current = frame;
    }
  }

  finish() {
    if (this.frame) {
      this.frame.cancel();
      this.execution.activeFrames.delete(this.frame);
      this.frame = null;
    }
  }
}

const originalExecute = StateMachine.prototype.execute;
if (typeof originalExecute !== 'function') {
  throw new HarnessError('aws-local-stepfunctions internals changed: StateMachine.prototype.execute is missing');
}
StateMachine.prototype.execute = function execute(input, options, cleanupFn) {
  const execution = options.runOptions?.cutoverExecution;
  if (!execution) return originalExecute.call(this, input, options, cleanupFn); // the timeout probe
  const logger = options.eventLogger;
  for (const m of ['dispatchStateEnteredEvent', 'dispatchStateRetriedEvent', 'dispatchStateFailedEvent', 'dispatch']) {
    if (typeof logger?.[m] !== 'function') {
      throw new HarnessError(`aws-local-stepfunctions internals changed: EventLogger.${m} is missing`);
    }
  }
  const run = new Run(execution, logger);
  const machine = this;
  const baseContext = options.runOptions?.context ?? {};
  options.runOptions = { ...options.runOptions, context: { ...baseContext, State: run.state, Task: run.task } };
  const entered = logger.dispatchStateEnteredEvent;
  logger.dispatchStateEnteredEvent = function (name, type, stateInput) {
    execution.hooksSeen = true;
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
// Definitions, prepared once per (text, substitutions): asl-validator is the slow part.

const prepared = new Map();

function prepareOnce(text, substitutions) {
  const key = `${JSON.stringify(substitutions)}\n${text}`;
  let entry = prepared.get(key);
  if (!entry) {
    try {
      entry = prepare(text, substitutions);
    } catch (e) {
      if (e instanceof DefinitionError) throw new HarnessError(e.message);
      throw e;
    }
    prepared.set(key, entry);
  }
  return entry;
}

function definitionOf(req) {
  if (typeof req.definition === 'string') return { text: req.definition, name: 'StateMachine' };
  if (req.definition && typeof req.definition === 'object') return { text: JSON.stringify(req.definition), name: 'StateMachine' };
  if (typeof req.definitionPath === 'string') {
    let text;
    try {
      text = readFileSync(req.definitionPath, 'utf8');
    } catch (e) {
      throw new HarnessError(`cannot read definition ${req.definitionPath}: ${e.message}`);
    }
    return { text, name: basename(req.definitionPath).replace(/\.asl\.json$|\.json$/, '') };
  }
  throw new HarnessError('request needs definitionPath or definition');
}

/**
 * Execution names as AWS accepts them (StartExecution `name`): 1-80 characters, none of white
 * space, < > { } [ ] ? * " # % \ ^ | ~ ` $ & , ; : / or control characters.
 */
export const EXECUTION_NAME = /^[^\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]{1,80}$/u;

// ---------------------------------------------------------------------------------------------
// Output

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
  if (ev.details) out.details = ev.details;
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

const POLL_MS = 20000;

/** A started execution: `abort()` stops it (StopExecution); `done` settles after the last event. */
export function startExecution(req, emit) {
  return new Execution(req, emit).start();
}

class Execution {
  constructor(req, emit) {
    this.emit = emit;
    this.current = null; // the Frame whose handler runs next (valid only within one synchronous chain)
    this.activeFrames = new Set();
    this.liveTokens = new Set(); // registered with the endpoint and not yet released
    this.registeredTokens = new Set(); // every token ever registered (swept at the end, in case of races)
    this.pendingReleases = new Set();
    this.hooksSeen = false;

    const { text, name } = definitionOf(req);
    const { original, runnable, timeoutPaths } = prepareOnce(text, req.substitutions ?? {});
    this.definition = runnable;
    this.timeoutPaths = timeoutPaths;
    this.staticTimeouts = new Map([...taskStates(original)].map(([n, s]) => [n, s.TimeoutSeconds]));
    this.region = req.region ?? 'us-east-1';
    this.accountId = req.accountId ?? '123456789012';
    this.stateMachineName = req.stateMachineName ?? name;
    this.executionName = req.executionName ?? randomUUID();
    if (typeof this.executionName !== 'string' || !EXECUTION_NAME.test(this.executionName)) {
      throw new HarnessError(`executionName '${this.executionName}' is not valid (1-80 characters, no white space, `
        + 'brackets, wildcards, control characters or any of " # % \\ ^ | ~ ` $ & , ; : /)');
    }
    this.stateMachineArn = `arn:aws:states:${this.region}:${this.accountId}:stateMachine:${this.stateMachineName}`;
    this.executionArn = `arn:aws:states:${this.region}:${this.accountId}:execution:${this.stateMachineName}:${this.executionName}`;
    this.input = req.input === undefined ? {} : req.input;
    this.lambdaEndpoint = typeof req.lambdaEndpoint === 'string' ? req.lambdaEndpoint.replace(/\/+$/, '') : null;
    this.timeScale = req.timeScale === undefined || req.timeScale === null ? 1 : Number(req.timeScale);
    if (!(this.timeScale >= 0)) throw new HarnessError(`timeScale must be a number >= 0, got ${req.timeScale}`);

    const tasks = taskStates(runnable);
    if (tasks.size > 0 && !this.lambdaEndpoint) throw new HarnessError('lambdaEndpoint is required: the definition has Task states');
    const states = allStates(runnable);
    for (const waitState of Object.keys(req.waitTimeOverrides ?? {})) {
      if (states.get(waitState)?.Type !== 'Wait') {
        throw new HarnessError(`waitTimeOverrides names '${waitState}', which is not a Wait state`);
      }
    }
    this.taskResourceLocalHandlers = {};
    for (const [stateName, def] of tasks) this.taskResourceLocalHandlers[stateName] = this.makeHandler(stateName, def);
    this.waitTimeOverrides = this.waitOverrides(req.waitTimeOverrides ?? {});
    this.retryIntervalOverrides = this.retryOverrides(req.retryIntervalOverrides ?? {});
  }

  takeFrame(stateName) {
    const frame = this.current;
    if (!frame || frame.name !== stateName) {
      throw new HarnessError(`internal: handler of '${stateName}' called outside its state entry `
        + `(current: ${frame?.name}); aws-local-stepfunctions internals changed?`);
    }
    return frame;
  }

  async invokeLambda(functionName, payload, { invocationType = 'RequestResponse', qualifier, signal, stateName }) {
    if (typeof functionName !== 'string' || functionName === '') {
      throw new TaskError('States.Runtime', `Task '${stateName}': FunctionName is missing`);
    }
    let url = `${this.lambdaEndpoint}/2015-03-31/functions/${encodeURIComponent(functionName)}/invocations`;
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
          'x-cutover-execution': this.executionName,
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

  async registerTask(token, frame, heartbeatSeconds) {
    this.liveTokens.add(token);
    this.registeredTokens.add(token);
    const res = await request('POST', `${this.lambdaEndpoint}/tasks/${token}`, {
      body: JSON.stringify({ executionName: this.executionName, executionArn: this.executionArn, stateName: frame.name,
        heartbeatSeconds: heartbeatSeconds ?? null }),
      headers: { 'content-type': 'application/json' },
      signal: frame.controller.signal,
    });
    if (res.status < 200 || res.status >= 300) {
      throw new HarnessError(`task endpoint refused token registration: HTTP ${res.status} ${res.text}`);
    }
  }

  releaseTask(token, force = false) {
    if (!this.liveTokens.delete(token) && !force) return undefined;
    const p = request('DELETE', `${this.lambdaEndpoint}/tasks/${token}`).catch(() => {});
    this.pendingReleases.add(p);
    p.finally(() => this.pendingReleases.delete(p));
    return p;
  }

  async awaitTask(token, frame, heartbeatSeconds) {
    const signal = frame.controller.signal;
    let lastBeat = Date.now();
    for (;;) {
      let waitMs = POLL_MS;
      if (heartbeatSeconds) {
        const left = lastBeat + heartbeatSeconds * 1000 - Date.now();
        if (left <= 0) throw new HeartbeatTimeoutError();
        waitMs = Math.min(waitMs, left);
      }
      const res = await request('GET', `${this.lambdaEndpoint}/tasks/${token}?waitMs=${Math.ceil(waitMs)}`, { signal });
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
  withStateInputTimeout(stateName, def, handler) {
    const path = this.timeoutPaths.get(stateName);
    if (!path) return handler;
    return async (params) => {
      const frame = this.takeFrame(stateName);
      const seconds = numberFromPath(path, applyInputPath(def, frame.enteredInput, {}), 'TimeoutSecondsPath');
      frame.timeoutSeconds = seconds;
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

  makeHandler(stateName, def) {
    return this.withStateInputTimeout(stateName, def, this.makeTaskHandler(stateName, def));
  }

  /**
   * Task events as AWS's execution history has them (TaskScheduled, TaskStarted, TaskSubmitted,
   * TaskSucceeded; LambdaFunction* for a plain function ARN). Failures and timeouts are the
   * library's StateFailed events.
   */
  scheduled(frame, kind, details) {
    const timeoutInSeconds = frame.timeoutSeconds ?? this.staticTimeouts.get(frame.name);
    if (kind === 'lambda-arn') {
      frame.event('LambdaFunctionScheduled', { resource: frame.def.Resource, input: JSON.stringify(details.input ?? null),
        inputDetails: { truncated: false }, ...(timeoutInSeconds !== undefined ? { timeoutInSeconds } : {}) });
      frame.event('LambdaFunctionStarted', {});
      return;
    }
    const resource = kind === 'lambda:invoke' ? 'invoke' : 'invoke.waitForTaskToken';
    frame.event('TaskScheduled', { resourceType: 'lambda', resource, region: this.region,
      parameters: JSON.stringify(details.parameters ?? null),
      ...(timeoutInSeconds !== undefined ? { timeoutInSeconds } : {}),
      ...(details.heartbeatSeconds !== undefined ? { heartbeatInSeconds: details.heartbeatSeconds } : {}) });
    frame.event('TaskStarted', { resourceType: 'lambda', resource });
  }

  makeTaskHandler(stateName, def) {
    const kind = taskKind(def.Resource);
    if (kind === 'lambda-arn') {
      // Plain function ARN: the effective input is the payload, the result is the response payload.
      return async (effectiveInput) => {
        const frame = this.takeFrame(stateName);
        this.scheduled(frame, kind, { input: effectiveInput });
        const { res } = await this.invokeLambda(def.Resource, effectiveInput, { signal: frame.controller.signal, stateName });
        const output = parsePayload(res.text);
        frame.event('LambdaFunctionSucceeded', { output: JSON.stringify(output), outputDetails: { truncated: false } });
        return output;
      };
    }
    if (kind === 'lambda:invoke') {
      return async (params) => {
        const frame = this.takeFrame(stateName);
        const p = params ?? {};
        this.scheduled(frame, kind, { parameters: p });
        const invocationType = p.InvocationType ?? 'RequestResponse';
        const { res, requestId } = await this.invokeLambda(p.FunctionName, p.Payload, {
          invocationType, qualifier: p.Qualifier, signal: frame.controller.signal, stateName,
        });
        const output = invokeOutput(res, requestId);
        frame.event('TaskSucceeded', { resourceType: 'lambda', resource: 'invoke', output: JSON.stringify(output),
          outputDetails: { truncated: false } });
        return output;
      };
    }
    // lambda:invoke.waitForTaskToken
    return async (params) => {
      const frame = this.takeFrame(stateName);
      const token = frame.token;
      const p = params ?? {};
      let heartbeatSeconds = def.HeartbeatSeconds;
      if (def.HeartbeatSecondsPath) heartbeatSeconds = numberFromPath(def.HeartbeatSecondsPath, p, 'HeartbeatSecondsPath');
      this.scheduled(frame, kind, { parameters: p, heartbeatSeconds });
      await this.registerTask(token, frame, heartbeatSeconds);
      try {
        const { res, requestId } = await this.invokeLambda(p.FunctionName, p.Payload, {
          invocationType: p.InvocationType ?? 'RequestResponse', qualifier: p.Qualifier, signal: frame.controller.signal, stateName,
        });
        frame.event('TaskSubmitted', { resourceType: 'lambda', resource: 'invoke.waitForTaskToken',
          output: JSON.stringify(invokeOutput(res, requestId)), outputDetails: { truncated: false } });
        const output = await this.awaitTask(token, frame, heartbeatSeconds);
        frame.event('TaskSucceeded', { resourceType: 'lambda', resource: 'invoke.waitForTaskToken',
          output: JSON.stringify(output), outputDetails: { truncated: false } });
        return output;
      } finally {
        this.releaseTask(token);
      }
    };
  }

  // -------------------------------------------------------------------------------------------
  // Shortened waits and retries

  waitOverrides(explicitWaits) {
    const execution = this;
    return new Proxy({}, {
      get(_, stateName) {
        if (typeof stateName !== 'string') return undefined;
        if (Object.prototype.hasOwnProperty.call(explicitWaits, stateName)) return Number(explicitWaits[stateName]);
        if (execution.timeScale === 1) return undefined;
        const frame = execution.current;
        if (!frame || frame.name !== stateName) return undefined;
        try {
          return Math.max(0, Math.round(waitMillis(frame.def, frame.enteredInput) * execution.timeScale));
        } catch {
          return undefined; // let the library evaluate (and report) it
        }
      },
    });
  }

  retryOverrides(explicitRetries) {
    const execution = this;
    return new Proxy({}, {
      get(_, stateName) {
        if (typeof stateName !== 'string') return undefined;
        if (Object.prototype.hasOwnProperty.call(explicitRetries, stateName)) return explicitRetries[stateName];
        if (execution.timeScale === 1) return undefined;
        const frame = execution.current;
        if (!frame || frame.name !== stateName) return undefined;
        return (frame.def.Retry ?? []).map((r, i) => {
          const interval = (r.IntervalSeconds ?? 1) * Math.pow(r.BackoffRate ?? 2, frame.retryAttempts[i] ?? 0);
          const capped = r.MaxDelaySeconds ? Math.min(interval, r.MaxDelaySeconds) : interval;
          return capped * 1000 * execution.timeScale;
        });
      },
    });
  }

  // -------------------------------------------------------------------------------------------
  // Run

  start() {
    const startTime = new Date();
    const roleArn = `arn:aws:iam::${this.accountId}:role/${this.stateMachineName}-role`;
    const context = {
      Execution: { Id: this.executionArn, Name: this.executionName, RoleArn: roleArn, RedriveCount: 0 },
      CutoverExecution: {
        Id: this.executionArn,
        Input: this.input,
        Name: this.executionName,
        RoleArn: roleArn,
        StartTime: startTime.toISOString(),
        RedriveCount: 0,
      },
      StateMachine: { Id: this.stateMachineArn, Name: this.stateMachineName },
    };
    const machine = new StateMachine(this.definition, { validationOptions: { noValidate: true } });
    this.emit({ type: 'ExecutionStarted', at: startTime.getTime(), executionName: this.executionName,
      executionArn: this.executionArn, stateMachineArn: this.stateMachineArn, roleArn, input: this.input });
    const execution = machine.run(this.input, {
      context,
      cutoverExecution: this,
      overrides: {
        taskResourceLocalHandlers: this.taskResourceLocalHandlers,
        waitTimeOverrides: this.waitTimeOverrides,
        retryIntervalOverrides: this.retryIntervalOverrides,
      },
    });
    let aborting = false;
    const abort = () => {
      if (aborting) return;
      aborting = true;
      execution.abort();
    };
    return { abort, executionName: this.executionName, done: this.finish(execution) };
  }

  async finish(execution) {
    let terminal = null;
    const consumer = (async () => {
      for await (const ev of execution.eventLogs) {
        if (ev.type === 'ExecutionStarted') continue;
        if (['ExecutionSucceeded', 'ExecutionFailed', 'ExecutionAborted', 'ExecutionTimeout'].includes(ev.type)) {
          terminal = ev;
          continue;
        }
        this.emit(translate(ev));
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
          await this.cleanUp(consumer);
          throw err;
        }
        final = { type: 'ExecutionFailed', error: err?.name ?? 'Error', cause: causeString(err?.cause ?? err?.message) };
      } else {
        await this.cleanUp(consumer);
        throw new HarnessError(e?.stack ?? String(e));
      }
    }
    await this.cleanUp(consumer);
    if (terminal?.type === 'ExecutionFailed' && final.type === 'ExecutionFailed') {
      final.error = terminal.Error ?? final.error;
      final.cause = causeString(terminal.Cause) ?? final.cause;
    }
    if (!this.hooksSeen && final.type !== 'ExecutionAborted') {
      throw new HarnessError('aws-local-stepfunctions internals changed: state entry hook never ran');
    }
    final.at = terminal?.timestamp ?? Date.now();
    this.emit(final);
  }

  /** Lets the last events through, stops what is still running and releases every token. */
  async cleanUp(consumer) {
    await Promise.race([consumer, new Promise((r) => setTimeout(r, 1000))]);
    for (const frame of this.activeFrames) frame.cancel();
    for (const token of this.registeredTokens) this.releaseTask(token, true);
    await Promise.race([Promise.allSettled([...this.pendingReleases]), new Promise((r) => setTimeout(r, 2000))]);
  }
}
