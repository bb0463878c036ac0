// Isolate-side JavaScript: the dispatcher, the only entry point the host calls.
// `run(hash, kind, body, scopeJson, now, id)` compiles `body` once per hash (kind "e": expressions,
// "c": code, "a": async code; the host already checked its syntax), parses the scope, calls the function
// and answers with a JSON envelope string. Only strings and numbers cross the boundary. An empty body
// asks to reuse the cached function; when it was evicted the answer is MISS and the host resends the body.
// A returned promise settles during the microtask checkpoint that ends the same call, under the same
// timeout; the host then fetches its envelope with `collect(id)`. A promise still pending by then can
// never settle (there are no timers or I/O), which `collect` reports.
export const dispatcherSource = String.raw`
const CACHE_LIMIT = config.cacheSize;
const MISS = '{"miss":1}';
const PENDING = '{"pending":1}';
const compiledFunctions = new MapCtor();
const outcomes = new MapCtor();
let evaluationNow = 0;

function compile(hash, kind, body) {
  const Constructor = kind === 'a' ? AsyncFunctionCtor : FunctionCtor;
  const fn = new Constructor(...PARAMETERS, body);
  if (compiledFunctions.size >= CACHE_LIMIT) compiledFunctions.delete(compiledFunctions.keys().next().value);
  compiledFunctions.set(hash, fn);
  return fn;
}

function isThenable(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
}

function run(hash, kind, body, scopeJson, now, id) {
  outcomes.clear();
  let fn = compiledFunctions.get(hash);
  const log = startLog();
  if (fn === undefined) {
    if (body === '') return MISS;
    try {
      fn = compile(hash, kind, body);
    } catch (thrown) {
      return errorEnvelope('syntax', thrown, hash, log);
    }
  }
  evaluationNow = now;
  const scope = jsonParse(scopeJson);
  let result;
  try {
    result = fn(scope.trigger, scope.steps, scope.item, scope.index);
    if (kind === 'e' || !isThenable(result)) return valueEnvelope(kind, result, hash, log);
  } catch (thrown) {
    return errorEnvelope('runtime', thrown, hash, log);
  }
  const outcome = { envelope: '' };
  outcomes.set(id, outcome);
  const settle = (envelope) => {
    outcome.envelope = envelope;
  };
  try {
    reflectApply(promiseThen, reflectApply(promiseResolve, PromiseCtor, [result]), [
      (value) => settle(valueEnvelope(kind, value, hash, log)),
      (thrown) => settle(errorEnvelope('runtime', thrown, hash, log)),
    ]);
  } catch (thrown) {
    outcomes.delete(id);
    return errorEnvelope('runtime', thrown, hash, log);
  }
  return PENDING;
}

function collect(id) {
  const outcome = outcomes.get(id);
  outcomes.delete(id);
  if (outcome === undefined) return jsonStringify({ e: { k: 'runtime', m: 'The evaluation was lost' }, l: [] });
  if (outcome.envelope !== '') return outcome.envelope;
  return jsonStringify({
    e: { k: 'runtime', m: 'The script returned a promise that never settles (the sandbox has no timers or I/O)' },
    l: finishLog(activeLog),
  });
}
`;
