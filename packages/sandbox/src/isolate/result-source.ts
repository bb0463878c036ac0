// Isolate-side JavaScript: turning what a script returned or threw into the JSON envelope the host reads.
// Results are rebuilt as fresh plain data (JSON semantics: undefined properties dropped, undefined or
// non-finite numbers become null, Dates become ISO strings) and anything else JSON cannot carry is refused
// with its path: functions, symbols, BigInts, getters, cycles, Maps, class-less exotics, promises.
// Thrown values become a short message plus the position of the first stack frame in the user's script.
export const resultSource = String.raw`
const RESULT_MAX_DEPTH = 200;
const MESSAGE_MAX_CHARS = 1000;

function ResultProblem(message) {
  this.message = message;
}

function pathText(path) {
  let text = '$';
  for (const key of path) {
    text += typeof key === 'number' ? '[' + key + ']' : /^[A-Za-z_$][\w$]*$/.test(key) ? '.' + key : '[' + jsonStringify(key) + ']';
  }
  return text;
}

function refuse(what, path) {
  const where = path.length === 0 ? '' : ' at ' + pathText(path);
  return new ResultProblem('The result is not JSON: ' + what + where);
}

const EXOTIC_NAMES = { Promise: 'a Promise (did you forget await?)', Map: 'a Map (use Object.fromEntries)', Set: 'a Set (use an array)' };

function cleanValue(value, path, ancestors) {
  switch (typeof value) {
    case 'string':
    case 'boolean':
    case 'undefined':
      return value;
    case 'number':
      return isFiniteNumber(value) ? value : null;
    case 'bigint':
      throw refuse('a BigInt (convert it with String() or Number())', path);
    case 'symbol':
      throw refuse('a symbol', path);
    case 'function':
      throw refuse('a function', path);
  }
  if (value === null) return null;
  if (ancestors.has(value)) throw refuse('a circular reference', path);
  if (path.length >= RESULT_MAX_DEPTH) throw refuse('nesting deeper than ' + RESULT_MAX_DEPTH + ' levels', path);
  if (isArray(value)) return cleanArray(value, path, ancestors);
  const prototype = getPrototypeOf(value);
  if (prototype !== ObjectProto && prototype !== null) {
    if (isDate(value)) {
      const time = reflectApply(dateGetTime, value, []);
      return time === time ? reflectApply(dateToISOString, value, []) : null;
    }
    const tag = tagOf(value);
    if (tag !== 'Object') throw refuse(EXOTIC_NAMES[tag] || 'a ' + tag + ' object', path);
  }
  return cleanObject(value, path, ancestors);
}

function cleanArray(value, path, ancestors) {
  ancestors.add(value);
  const out = [];
  const length = value.length;
  for (let i = 0; i < length; i++) {
    const descriptor = ownDescriptor(value, i);
    if (descriptor === undefined) {
      out.push(null);
      continue;
    }
    path.push(i);
    if (!('value' in descriptor)) throw refuse('a getter', path);
    const item = cleanValue(descriptor.value, path, ancestors);
    path.pop();
    out.push(item === undefined ? null : item);
  }
  ancestors.delete(value);
  return out;
}

function cleanObject(value, path, ancestors) {
  ancestors.add(value);
  const out = objectCreate(null);
  for (const key of objectKeys(value)) {
    const descriptor = ownDescriptor(value, key);
    if (descriptor === undefined) continue;
    path.push(key);
    if (!('value' in descriptor)) throw refuse('a getter', path);
    const item = cleanValue(descriptor.value, path, ancestors);
    path.pop();
    if (item !== undefined) out[key] = item;
  }
  ancestors.delete(value);
  return out;
}

function toJsonValue(value) {
  // Most mapped values are strings and numbers: no path or cycle set to allocate for them.
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    const clean = cleanValue(value, [], undefined);
    return clean === undefined ? null : clean;
  }
  const clean = cleanValue(value, [], new SetCtor());
  return clean === undefined ? null : clean;
}

function truncateMessage(message) {
  return message.length > MESSAGE_MAX_CHARS ? message.slice(0, MESSAGE_MAX_CHARS - 1) + '\u2026' : message;
}

function thrownMessage(thrown) {
  try {
    if (thrown !== null && typeof thrown === 'object') {
      const message = thrown.message;
      if (typeof message === 'string') {
        const name = thrown.name;
        const prefix = typeof name === 'string' && name !== '' ? name : 'Error';
        return message === '' ? prefix : prefix + ': ' + message;
      }
    }
    return 'Uncaught ' + (typeof thrown === 'string' ? jsonStringify(thrown) : StringCtor(thrown));
  } catch {
    return 'Uncaught exception';
  }
}

// "weft-<hash>.js:LINE:COLUMN" in the stack: the first frame inside the user's own script.
function thrownPosition(thrown, hash) {
  let stack;
  try {
    stack = thrown !== null && typeof thrown === 'object' ? thrown.stack : undefined;
  } catch {
    return undefined;
  }
  if (typeof stack !== 'string') return undefined;
  const marker = 'weft-' + hash + '.js:';
  const at = stack.indexOf(marker);
  if (at === -1) return undefined;
  const match = /^(\d+):(\d+)/.exec(stack.slice(at + marker.length, at + marker.length + 24));
  return match === null ? undefined : { line: NumberCtor(match[1]), column: NumberCtor(match[2]) };
}

function errorEnvelope(kind, thrown, hash, log) {
  let message;
  let position;
  if (thrown instanceof ResultProblem) {
    kind = 'result';
    message = thrown.message;
  } else {
    message = truncateMessage(thrownMessage(thrown));
    position = thrownPosition(thrown, hash);
  }
  const error = { k: kind, m: message };
  if (position !== undefined) {
    error.ln = position.line;
    error.col = position.column;
  }
  if (thrown instanceof ResultProblem && thrown.expression !== undefined) error.x = thrown.expression;
  return jsonStringify({ e: error, l: finishLog(log) });
}

function valueEnvelope(kind, value, hash, log) {
  let clean;
  try {
    if (kind === 'e') {
      clean = [];
      for (let i = 0; i < value.length; i++) {
        try {
          clean.push(toJsonValue(value[i]));
        } catch (problem) {
          if (problem instanceof ResultProblem) problem.expression = i;
          throw problem;
        }
      }
    } else {
      clean = toJsonValue(value);
    }
    return jsonStringify({ v: clean, l: finishLog(log) });
  } catch (thrown) {
    if (thrown instanceof RangeError && !(thrown instanceof ResultProblem)) {
      return errorEnvelope('result', new ResultProblem('The result is too large or too deeply nested'), hash, log);
    }
    return errorEnvelope('runtime', thrown, hash, log);
  }
}
`;
