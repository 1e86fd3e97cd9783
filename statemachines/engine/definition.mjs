// Preparing an ASL definition for the local engine (aws-local-stepfunctions 3.0.0).
//
// 1. Definition substitutions exactly as CDK's `definitionSubstitutions` (CloudFormation
//    `DefinitionSubstitutions`): every `${Name}` whose Name is a key of the map is replaced by its
//    value, textually, before the JSON is parsed. A `${...}` left over is an error.
// 2. Refusal of what the library silently ignores or cannot run: JSONata, variables (`Assign`),
//    JSONata-only fields, distributed Map, Task resources other than Lambda.
// 3. Rewrites that make the library behave like AWS (each one documented where it is done).

import aslValidator from 'asl-validator';

export class DefinitionError extends Error {
  constructor(message) {
    super(message);
    this.name = 'DefinitionError';
  }
}

export const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
export const LAMBDA_INVOKE_WAIT = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const PLAIN_LAMBDA_ARN = /^arn:aws[a-zA-Z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$/;

/** Largest delay Node's setTimeout honours (2^31-1 ms, about 24.8 days); larger ones fire at once. */
export const MAX_TIMER_SECONDS = Math.floor(2147483647 / 1000);

/** The kind of resource a Task state calls, or null if the local engine cannot run it. */
export function taskKind(resource) {
  if (resource === LAMBDA_INVOKE) return 'lambda:invoke';
  if (resource === LAMBDA_INVOKE_WAIT) return 'lambda:invoke.waitForTaskToken';
  if (typeof resource === 'string' && PLAIN_LAMBDA_ARN.test(resource)) return 'lambda-arn';
  return null;
}

/**
 * Applies `${Name}` substitutions to the definition text, like CloudFormation's
 * DefinitionSubstitutions (which CDK's `definitionSubstitutions` become).
 */
export function substitute(text, substitutions = {}) {
  const subs = substitutions ?? {};
  for (const [key, value] of Object.entries(subs)) {
    if (value === null || typeof value === 'object') {
      throw new DefinitionError(`substitution '${key}' must be a string (or number/boolean), got ${JSON.stringify(value)}`);
    }
  }
  const out = text.replace(/\$\{([^}]*)\}/g, (whole, name) =>
    Object.prototype.hasOwnProperty.call(subs, name) ? String(subs[name]) : whole);
  const left = [...new Set([...out.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]))];
  if (left.length > 0) {
    throw new DefinitionError(
      `unsubstituted placeholder(s): ${left.map((n) => '${' + n + '}').join(', ')}; `
      + `known substitutions: [${Object.keys(subs).join(', ')}]`);
  }
  return out;
}

/** Walks every States map (top level, Parallel branches, Map processors). */
function forEachState(machine, fn, path = []) {
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    fn(name, state, path);
    if (state && state.Type === 'Parallel' && Array.isArray(state.Branches)) {
      state.Branches.forEach((b, i) => forEachState(b, fn, [...path, `${name}.Branches[${i}]`]));
    }
    if (state && state.Type === 'Map') {
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor) forEachState(processor, fn, [...path, `${name}.ItemProcessor`]);
    }
  }
}

const JSONATA_ONLY_FIELDS = ['Arguments', 'Output', 'Assign', 'Items', 'Condition'];
const DISTRIBUTED_MAP_FIELDS = ['ItemReader', 'ResultWriter', 'ItemBatcher', 'ToleratedFailureCount',
  'ToleratedFailurePercentage', 'ToleratedFailureCountPath', 'ToleratedFailurePercentagePath', 'Label'];

/** Throws a DefinitionError naming everything the local engine would silently get wrong. */
export function refuseUnsupported(definition) {
  const problems = [];
  const where = (path, name) => [...path, name].join(' > ');
  const checkMachine = (machine, path) => {
    if (machine.QueryLanguage !== undefined && machine.QueryLanguage !== 'JSONPath') {
      problems.push(`${path.length ? path.join(' > ') : 'top level'}: QueryLanguage '${machine.QueryLanguage}' `
        + 'is not supported (the local engine runs JSONPath only; it would silently ignore JSONata)');
    }
  };
  checkMachine(definition, []);
  forEachState(definition, (name, state, path) => {
    const w = where(path, name);
    if (!state || typeof state !== 'object') {
      problems.push(`${w}: not an object`);
      return;
    }
    if (state.QueryLanguage !== undefined && state.QueryLanguage !== 'JSONPath') {
      problems.push(`${w}: QueryLanguage '${state.QueryLanguage}' is not supported (JSONPath only)`);
    }
    for (const f of JSONATA_ONLY_FIELDS) {
      if (f in state) {
        problems.push(`${w}: field '${f}' is not supported by the local engine (JSONata/variables; it would be silently ignored)`);
      }
    }
    if (state.Type === 'Choice' && Array.isArray(state.Choices)) {
      state.Choices.forEach((c, i) => {
        for (const f of ['Condition', 'Assign', 'Output']) {
          if (c && f in c) problems.push(`${w}: Choices[${i}].${f} is not supported (JSONata/variables)`);
        }
      });
    }
    for (const list of ['Catch']) {
      (state[list] ?? []).forEach((c, i) => {
        for (const f of ['Assign', 'Output']) {
          if (c && f in c) problems.push(`${w}: ${list}[${i}].${f} is not supported (JSONata/variables)`);
        }
      });
    }
    if (state.Type === 'Map') {
      for (const f of DISTRIBUTED_MAP_FIELDS) {
        if (f in state) problems.push(`${w}: Map field '${f}' (distributed Map) is not supported`);
      }
      const processor = state.ItemProcessor ?? state.Iterator;
      if (processor?.ProcessorConfig?.Mode && processor.ProcessorConfig.Mode !== 'INLINE') {
        problems.push(`${w}: Map ProcessorConfig.Mode '${processor.ProcessorConfig.Mode}' is not supported (INLINE only)`);
      }
      if (processor) checkMachine(processor, [...path, name]);
    }
    if (state.Type === 'Parallel') {
      (state.Branches ?? []).forEach((b) => checkMachine(b, [...path, name]));
    }
    if (state.Type === 'Task') {
      if (taskKind(state.Resource) === null) {
        problems.push(`${w}: Task resource '${state.Resource}' is not supported by the local engine `
          + `(supported: ${LAMBDA_INVOKE}, ${LAMBDA_INVOKE_WAIT}, arn:aws:lambda:...:function:NAME)`);
      }
      if ('Credentials' in state) problems.push(`${w}: Task field 'Credentials' is not supported`);
    }
  });
  if (problems.length > 0) {
    throw new DefinitionError(`definition uses what the local engine cannot run faithfully:\n  - ${problems.join('\n  - ')}`);
  }
}

/** Validates with asl-validator (schema, transitions, paths, ARNs) on a copy (it mutates its input). */
export function validate(definition) {
  const copy = structuredClone(definition);
  let result;
  try {
    result = aslValidator(copy, { checkPaths: true, checkArn: true });
  } catch (e) {
    // asl-validator 4.0.0 queries `$..Branches` / `$..Iterator` and crashes when a *state* has that name.
    throw new DefinitionError(`asl-validator crashed on the definition (${e.message}); `
      + 'note: asl-validator 4.0.0 crashes when a state is named "Branches" or "Iterator"');
  }
  const { isValid, errorsText } = result;
  if (!isValid) {
    throw new DefinitionError(`definition is invalid (asl-validator):\n${errorsText('\n')}`);
  }
}

/** Rewrites `$$.Execution` to `$$.CutoverExecution` inside one path or intrinsic-function string. */
function rewriteContextPath(expr) {
  if (typeof expr !== 'string') return expr;
  return expr.replace(/\$\$\.Execution(?![A-Za-z0-9_])/g, '$$$$.CutoverExecution');
}

/** Rewrites the values of `xxx.$` keys in a payload template (Parameters, ResultSelector, ...). */
function rewriteTemplate(template) {
  if (Array.isArray(template)) return template.map(rewriteTemplate);
  if (template === null || typeof template !== 'object') return template;
  const out = {};
  for (const [k, v] of Object.entries(template)) {
    out[k] = k.endsWith('.$') && typeof v === 'string' ? rewriteContextPath(v) : rewriteTemplate(v);
  }
  return out;
}

const PATH_FIELDS = ['InputPath', 'OutputPath', 'ItemsPath', 'SecondsPath', 'TimestampPath',
  'TimeoutSecondsPath', 'HeartbeatSecondsPath', 'ErrorPath', 'CausePath', 'MaxConcurrencyPath'];
const TEMPLATE_FIELDS = ['Parameters', 'ResultSelector', 'ItemSelector'];

function rewriteChoiceRule(rule) {
  if (!rule || typeof rule !== 'object') return;
  for (const [k, v] of Object.entries(rule)) {
    if ((k === 'Variable' || k.endsWith('Path')) && typeof v === 'string') rule[k] = rewriteContextPath(v);
  }
  (rule.And ?? []).forEach(rewriteChoiceRule);
  (rule.Or ?? []).forEach(rewriteChoiceRule);
  if (rule.Not) rewriteChoiceRule(rule.Not);
}

/**
 * Returns a copy of the definition rewritten so that aws-local-stepfunctions 3.0.0 behaves like AWS:
 *  - `$$.Execution...` -> `$$.CutoverExecution...`: the library rebuilds `$$.Execution.Input` and
 *    `StartTime` for every Parallel branch / Map iteration (they must stay the execution's).
 *  - Task without TimeoutSeconds(Path): the library defaults to 60 s, AWS to no limit (99999999 s):
 *    set the largest value a Node timer honours; larger values are clamped (a bigger setTimeout
 *    delay fires immediately).
 *  - `ResultPath: "$"` (state or catcher): the library writes a key named "$"; drop it (same meaning).
 *  - Pass `Result` that is falsy (0, false, "", null): the library ignores it; turn it into a
 *    constant `Parameters`.
 *  - HeartbeatSeconds: in AWS a Retry/Catch on States.Timeout also matches a heartbeat timeout;
 *    the library matches names exactly, so States.HeartbeatTimeout is added next to States.Timeout.
 *  - TimeoutSecondsPath: taken out of the definition into `harnessTimeoutPaths` (Task state name ->
 *    path) for the harness to apply against the state input.
 */
export function rewriteForEngine(definition, harnessTimeoutPaths = new Map()) {
  const def = structuredClone(definition);
  const rewriteMachine = (machine) => {
    for (const [name, state] of Object.entries(machine.States ?? {})) {
      for (const f of PATH_FIELDS) {
        if (typeof state[f] === 'string') state[f] = rewriteContextPath(state[f]);
      }
      for (const f of TEMPLATE_FIELDS) {
        if (f in state) state[f] = rewriteTemplate(state[f]);
      }
      if (state.Type === 'Choice') (state.Choices ?? []).forEach(rewriteChoiceRule);
      if (state.ResultPath === '$') delete state.ResultPath;
      for (const c of state.Catch ?? []) {
        if (c.ResultPath === '$') delete c.ResultPath;
      }
      if (state.Type === 'Pass' && 'Result' in state && !state.Result) {
        state.Parameters = state.Result;
        delete state.Result;
      }
      if (state.Type === 'Task') {
        if (state.TimeoutSecondsPath !== undefined) {
          // The library resolves TimeoutSecondsPath against the effective input (after
          // Parameters); AWS documents it against the state input. The harness enforces it.
          harnessTimeoutPaths.set(name, state.TimeoutSecondsPath);
          delete state.TimeoutSecondsPath;
          state.TimeoutSeconds = MAX_TIMER_SECONDS;
        }
        if (state.TimeoutSeconds === undefined && state.TimeoutSecondsPath === undefined) {
          state.TimeoutSeconds = MAX_TIMER_SECONDS;
        } else if (typeof state.TimeoutSeconds === 'number' && state.TimeoutSeconds > MAX_TIMER_SECONDS) {
          state.TimeoutSeconds = MAX_TIMER_SECONDS;
        }
        if (state.HeartbeatSeconds !== undefined || state.HeartbeatSecondsPath !== undefined) {
          for (const r of [...(state.Retry ?? []), ...(state.Catch ?? [])]) {
            if (r.ErrorEquals?.includes('States.Timeout') && !r.ErrorEquals.includes('States.HeartbeatTimeout')) {
              r.ErrorEquals = [...r.ErrorEquals, 'States.HeartbeatTimeout'];
            }
          }
        }
      }
      if (state.Type === 'Parallel') (state.Branches ?? []).forEach(rewriteMachine);
      if (state.Type === 'Map') {
        const processor = state.ItemProcessor ?? state.Iterator;
        if (processor) rewriteMachine(processor);
      }
    }
  };
  rewriteMachine(def);
  if (typeof def.TimeoutSeconds === 'number' && def.TimeoutSeconds > MAX_TIMER_SECONDS) {
    def.TimeoutSeconds = MAX_TIMER_SECONDS;
  }
  return def;
}

/** Every Task state (name -> state definition), nested ones included; names are unique in ASL. */
export function taskStates(definition) {
  const tasks = new Map();
  forEachState(definition, (name, state) => {
    if (state.Type === 'Task') tasks.set(name, state);
  });
  return tasks;
}

/** Every state (name -> definition), nested ones included. */
export function allStates(definition) {
  const states = new Map();
  forEachState(definition, (name, state) => states.set(name, state));
  return states;
}

/** Full preparation: text -> { original, runnable, timeoutPaths } or a DefinitionError. */
export function prepare(text, substitutions) {
  const substituted = substitute(text, substitutions);
  let definition;
  try {
    definition = JSON.parse(substituted);
  } catch (e) {
    throw new DefinitionError(`definition is not valid JSON after substitution: ${e.message}`);
  }
  if (!definition || typeof definition !== 'object' || !definition.States) {
    throw new DefinitionError('definition has no States');
  }
  refuseUnsupported(definition);
  validate(definition);
  const timeoutPaths = new Map();
  return { original: definition, runnable: rewriteForEngine(definition, timeoutPaths), timeoutPaths };
}
