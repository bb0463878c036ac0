import { describe, expect, it } from 'vitest';
import { configKeyOfProblem, flowProblems, isConnectionProblem, problemsByNode, problemsForField } from './problems.js';
import { linearFlow } from './test-flows.js';

describe('problems', () => {
  const flow = linearFlow();
  const problems = [
    {
      code: 'schema' as const,
      message: 'missing url',
      pointer: '/steps/1/config',
      nodeId: 'send',
      field: 'config.url',
    },
    { code: 'script_syntax' as const, message: 'bad', pointer: '/definition/steps/0/config/greeting' },
    { code: 'dangling_edge' as const, message: 'edge', pointer: '/edges/0/to' },
    { code: 'schema' as const, message: 'name', pointer: '/name' },
  ];

  it('attaches problems to nodes by id or by pointer', () => {
    const byNode = problemsByNode(flow, problems);
    expect(byNode.get('send')!.map((p) => p.message)).toEqual(['missing url']);
    expect(byNode.get('greet')!.map((p) => p.message)).toEqual(['bad']);
    expect(byNode.get('hook')!.map((p) => p.message)).toEqual(['edge']);
    expect(flowProblems(flow, problems).map((p) => p.message)).toEqual(['name']);
  });

  it('finds the config field a problem concerns', () => {
    expect(configKeyOfProblem(problems[0]!)).toBe('url');
    expect(configKeyOfProblem(problems[1]!)).toBe('greeting');
    expect(configKeyOfProblem({ pointer: '/steps/0/config/a~1b/c' })).toBe('a/b');
    expect(configKeyOfProblem({ field: 'retry.attempts', pointer: '' })).toBeUndefined();
    expect(problemsForField(problems, 'url')).toHaveLength(1);
    expect(
      configKeyOfProblem({ pointer: '/steps/0/config', message: 'config is missing required property "condition"' }),
    ).toBe('condition');
  });

  it('puts a publish problem on the field it names, and a missing connection on the connection picker', () => {
    const missingUrl = {
      code: 'invalid_config',
      nodeId: 'send',
      pointer: '/steps/1/config/url',
      field: 'config.url',
      message: 'URL is required',
    };
    const noConnection = {
      code: 'missing_connection',
      nodeId: 'send',
      pointer: '/definition/steps/1/credential',
      message: 'A Slack connection is needed',
    };
    expect(problemsForField([missingUrl, noConnection], 'url')).toEqual([missingUrl]);
    expect(isConnectionProblem(noConnection)).toBe(true);
    expect(isConnectionProblem(missingUrl)).toBe(false);
    expect(problemsByNode(flow, [missingUrl, noConnection]).get('send')).toHaveLength(2);
  });
});
