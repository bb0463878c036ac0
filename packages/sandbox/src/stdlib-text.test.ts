import { afterAll, describe, expect, it } from 'vitest';
import { STDLIB_FUNCTIONS, createSandbox } from './index.js';

const sandbox = createSandbox({ size: 1, timeoutMs: 2000 });
afterAll(() => sandbox.dispose());

async function run(code: string, trigger: unknown = null): Promise<unknown> {
  return (await sandbox.runCode(code, { trigger: trigger as never, steps: {} })).value;
}

describe('standard library', () => {
  it('defines exactly the documented functions', async () => {
    const defined = await run(
      'return Object.fromEntries(["$date", "$str", "$arr", "$crypto"].map((n) => [n, Object.keys(globalThis[n]).sort()]))',
    );
    const documented = Object.fromEntries(
      Object.entries(STDLIB_FUNCTIONS).map(([name, list]) => [name, [...list].sort()]),
    );
    expect(defined).toEqual(documented);
  });
});

describe('$str', () => {
  it('slugifies, capitalizes and truncates', async () => {
    const code = `return [
      $str.slugify('  Héllo, Wörld! Ça va? '), $str.slugify('Crème brûlée -- 2024'), $str.capitalize('ada'), $str.capitalize(''),
      $str.truncate('abcdefgh', 5), $str.truncate('abc', 5), $str.truncate('abcdefgh', 5, '...'), $str.truncate('abcdef', 0, ''),
    ]`;
    expect(await run(code)).toEqual([
      'hello-world-ca-va',
      'creme-brulee-2024',
      'Ada',
      '',
      'abcd\u2026',
      'abc',
      'ab...',
      '',
    ]);
  });

  it('changes case between word styles', async () => {
    const inputs = ['hello world', 'helloWorld', 'HTTPServer error', 'snake_case-value 2', 'Élan vital'];
    const actual = await run(
      'return trigger.map((s) => [$str.camelCase(s), $str.snakeCase(s), $str.kebabCase(s)])',
      inputs,
    );
    expect(actual).toEqual([
      ['helloWorld', 'hello_world', 'hello-world'],
      ['helloWorld', 'hello_world', 'hello-world'],
      ['httpServerError', 'http_server_error', 'http-server-error'],
      ['snakeCaseValue2', 'snake_case_value_2', 'snake-case-value-2'],
      ['elanVital', 'elan_vital', 'elan-vital'],
    ]);
  });

  it('encodes and decodes base64 as UTF-8 like Buffer does', async () => {
    const inputs = ['', 'f', 'fo', 'foo', 'héllo 😀 中文', '\u0000\u00ff'];
    const encoded = (await run('return trigger.map((s) => $str.base64Encode(s))', inputs)) as string[];
    expect(encoded).toEqual(inputs.map((s) => Buffer.from(s, 'utf8').toString('base64')));
    expect(await run('return trigger.map((s) => $str.base64Decode(s))', encoded)).toEqual(inputs);
    expect(await run("return $str.base64Decode('aGk_-w')")).toBe(Buffer.from('aGk_-w', 'base64url').toString('utf8'));
    await expect(run("return $str.base64Decode('@@')")).rejects.toThrow('not valid base64');
  });

  it('names the function and the type when given the wrong input', async () => {
    await expect(run('return $str.slugify(null)')).rejects.toThrow('$str.slugify expects a string, got null');
  });
});

describe('$arr', () => {
  const people = [
    { name: 'Ada', team: 'core', age: 36, address: { city: 'London' } },
    { name: 'Grace', team: 'infra', age: 45, address: { city: 'Arlington' } },
    { name: 'Alan', team: 'core', age: 41, address: { city: 'London' } },
    { name: 'Edsger', team: 'infra', age: null, address: null },
  ];

  it('chunks, deduplicates and compacts', async () => {
    const code = `return [
      $arr.chunk([1, 2, 3, 4, 5], 2), $arr.chunk([], 3), $arr.uniq([1, '1', 1, { a: 1 }, { a: 1 }, null, null]),
      $arr.uniqBy(trigger, 'team').map((p) => p.name), $arr.uniqBy(trigger, (p) => p.age > 40).map((p) => p.name),
      $arr.compact([0, 1, '', 'a', null, false, true, undefined]),
    ]`;
    expect(await run(code, people)).toEqual([
      [[1, 2], [3, 4], [5]],
      [],
      [1, '1', { a: 1 }, null],
      ['Ada', 'Grace'],
      ['Ada', 'Grace'],
      [1, 'a', true],
    ]);
  });

  it('sums, averages and finds extremes of numbers, skipping the rest', async () => {
    const code =
      "return [$arr.sum(trigger, 'age'), $arr.avg([1, 2, 'x', 3]), $arr.min(trigger, 'age'), $arr.max(trigger, (p) => p.age), $arr.sum([]), $arr.avg([])]";
    expect(await run(code, people)).toEqual([122, 2, 36, 45, 0, null]);
  });

  it('groups, keys, sorts and plucks by property path or function', async () => {
    const code = `return [
      Object.fromEntries(Object.entries($arr.groupBy(trigger, 'team')).map(([k, v]) => [k, v.map((p) => p.name)])),
      Object.keys($arr.keyBy(trigger, 'address.city')), $arr.sortBy(trigger, 'age').map((p) => p.name),
      $arr.sortBy(trigger, 'age', 'desc').map((p) => p.name), $arr.sortBy(trigger, (p) => p.name).map((p) => p.name),
      $arr.pluck(trigger, 'address.city'),
    ]`;
    expect(await run(code, people)).toEqual([
      { core: ['Ada', 'Alan'], infra: ['Grace', 'Edsger'] },
      ['London', 'Arlington', 'undefined'],
      ['Ada', 'Alan', 'Grace', 'Edsger'],
      ['Grace', 'Alan', 'Ada', 'Edsger'],
      ['Ada', 'Alan', 'Edsger', 'Grace'],
      ['London', 'Arlington', 'London', null],
    ]);
  });

  it('keeps group names like __proto__ as plain keys', async () => {
    expect(await run("return Object.keys($arr.groupBy([{ k: '__proto__' }], 'k'))")).toEqual(['__proto__']);
  });

  it('explains bad arguments', async () => {
    await expect(run('return $arr.chunk([1], 0)')).rejects.toThrow('$arr.chunk expects a size >= 1');
    await expect(run('return $arr.sum("abc")')).rejects.toThrow('$arr.sum expects an array, got a string');
  });
});
