// Unit tests of the definition preparation (node --test statemachines/engine/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepare, substitute, rewriteForEngine, DefinitionError, MAX_TIMER_SECONDS } from './definition.mjs';

const task = (extra = {}) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke',
  Parameters: { FunctionName: 'f', 'Payload.$': '$' },
  End: true,
  ...extra,
});

test('substitutes ${Name} textually and refuses leftovers', () => {
  assert.equal(substitute('{"a":"${X}","b":"${X}-${Y}"}', { X: '1', Y: 2 }), '{"a":"1","b":"1-2"}');
  assert.throws(() => substitute('{"a":"${X}","b":"${Z}"}', { X: '1' }), /\$\{Z\}/);
  assert.throws(() => substitute('{}', { X: { nested: true } }), DefinitionError);
});

test('a Task without a timeout gets no 60 s library default', () => {
  const def = rewriteForEngine({ StartAt: 'T', States: { T: task() } });
  assert.equal(def.States.T.TimeoutSeconds, MAX_TIMER_SECONDS);
  const big = rewriteForEngine({ StartAt: 'T', States: { T: task({ TimeoutSeconds: 99999999 }) } });
  assert.equal(big.States.T.TimeoutSeconds, MAX_TIMER_SECONDS, 'clamped: a longer Node timer fires at once');
  const kept = rewriteForEngine({ StartAt: 'T', States: { T: task({ TimeoutSeconds: 300 }) } });
  assert.equal(kept.States.T.TimeoutSeconds, 300);
});

test('ResultPath "$" is dropped (the library would write a key named "$")', () => {
  const def = rewriteForEngine({
    StartAt: 'T',
    States: { T: task({ ResultPath: '$', Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$', Next: 'P' }] }), P: { Type: 'Pass', End: true } },
  });
  assert.equal('ResultPath' in def.States.T, false);
  assert.equal('ResultPath' in def.States.T.Catch[0], false);
});

test('a falsy Pass Result becomes a constant Parameters (the library ignores falsy Results)', () => {
  for (const value of [0, false, '', null]) {
    const def = rewriteForEngine({ StartAt: 'P', States: { P: { Type: 'Pass', Result: value, End: true } } });
    assert.equal('Result' in def.States.P, false);
    assert.equal(def.States.P.Parameters, value);
  }
});

test('States.HeartbeatTimeout joins States.Timeout where HeartbeatSeconds is set', () => {
  const def = rewriteForEngine({
    StartAt: 'T',
    States: { T: task({ HeartbeatSeconds: 5, Retry: [{ ErrorEquals: ['States.Timeout'] }], Catch: [{ ErrorEquals: ['States.ALL'], Next: 'T' }] }) },
  });
  assert.deepEqual(def.States.T.Retry[0].ErrorEquals, ['States.Timeout', 'States.HeartbeatTimeout']);
  assert.deepEqual(def.States.T.Catch[0].ErrorEquals, ['States.ALL']);
});

test('$$.Execution paths point at the execution-wide context, also inside branches and intrinsics', () => {
  const def = rewriteForEngine({
    StartAt: 'Par',
    States: {
      Par: {
        Type: 'Parallel',
        End: true,
        Branches: [{
          StartAt: 'C',
          States: {
            C: { Type: 'Choice', Choices: [{ Variable: '$$.Execution.Input.x', IsPresent: true, Next: 'P' }], Default: 'P' },
            P: { Type: 'Pass', Parameters: { 'a.$': '$$.Execution.StartTime', 'b.$': "States.Format('{}', $$.Execution.Name)", 'c.$': '$$.ExecutionX', d: '$$.Execution' }, End: true },
          },
        }],
      },
    },
  });
  const branch = def.States.Par.Branches[0];
  assert.equal(branch.States.C.Choices[0].Variable, '$$.CutoverExecution.Input.x');
  assert.deepEqual(branch.States.P.Parameters, {
    'a.$': '$$.CutoverExecution.StartTime',
    'b.$': "States.Format('{}', $$.CutoverExecution.Name)",
    'c.$': '$$.ExecutionX',
    d: '$$.Execution',
  });
});

test('refuses JSONata, variables, distributed Map and unsupported resources', () => {
  const refuse = (def, pattern) => assert.throws(() => prepare(JSON.stringify(def), {}), pattern);
  refuse({ QueryLanguage: 'JSONata', StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, /JSONata/);
  refuse({ StartAt: 'P', States: { P: { Type: 'Pass', QueryLanguage: 'JSONata', Output: {}, End: true } } }, /JSONata/);
  refuse({ StartAt: 'P', States: { P: { Type: 'Pass', Assign: { x: 1 }, End: true } } }, /'Assign'/);
  refuse({ StartAt: 'T', States: { T: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage', Parameters: {}, End: true } } }, /not supported/);
  refuse({
    StartAt: 'M',
    States: { M: { Type: 'Map', ItemReader: { Resource: 'arn:aws:states:::s3:listObjectsV2', Parameters: {} }, ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'P', States: { P: { Type: 'Pass', End: true } } }, End: true } },
  }, /distributed Map|DISTRIBUTED/);
});

test('asl-validator errors are reported as definition errors', () => {
  assert.throws(() => prepare('{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Nowhere"}}}', {}), /asl-validator/);
  assert.throws(() => prepare('{"StartAt":"A",', {}), /not valid JSON/);
});
