// Isolate-side JavaScript: lockdown, the last setup step before any user script runs.
// One context per isolate is reused by every evaluation, so nothing a script can reach may be mutable:
// capabilities we do not want are deleted, then every object reachable from the global object (plus the
// intrinsics only reachable through syntax, like %GeneratorFunction%) is frozen, the global object too.
// Writes to a frozen prototype would otherwise break ordinary code (`error.name = 'X'` fails when
// Error.prototype.name is read-only: the "override mistake"), so a few such properties become accessors
// whose setter defines the property on the receiver instead.
export const lockdownSource = String.raw`
const REMOVED_GLOBALS = ['WebAssembly', 'SharedArrayBuffer', 'Atomics', 'FinalizationRegistry', 'WeakRef', 'Proxy'];

function makeAssignable(holder, key) {
  const descriptor = ownDescriptor(holder, key);
  if (descriptor === undefined || !('value' in descriptor) || !descriptor.writable) return;
  const value = descriptor.value;
  defineProperty(holder, key, {
    get: function () {
      return value;
    },
    set: function (next) {
      if (this === holder) throw new TypeError('Cannot assign to ' + StringCtor(key) + ': built-in prototypes are frozen');
      defineProperty(this, key, { value: next, writable: true, enumerable: true, configurable: true });
    },
    enumerable: descriptor.enumerable,
    configurable: false,
  });
}

function enableOverrides() {
  const errors = [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError, AggregateError];
  const table = [
    [ObjectProto, ['constructor', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', 'toString', 'valueOf']],
    [Array.prototype, ['constructor', 'toString', 'push']],
    [Function.prototype, ['constructor', 'toString', 'apply', 'bind', 'call']],
    [Promise.prototype, ['constructor']],
  ];
  for (const ErrorType of errors) table.push([ErrorType.prototype, ['constructor', 'message', 'name', 'toString']]);
  for (const [holder, keys] of table) for (const key of keys) makeAssignable(holder, key);
}

// Intrinsics that no property path from globalThis reaches.
function hiddenIntrinsics() {
  const generator = function* () {};
  const asyncGenerator = async function* () {};
  const found = [
    getPrototypeOf(generator),
    getPrototypeOf(asyncGenerator),
    getPrototypeOf(async function () {}),
    getPrototypeOf(getPrototypeOf(generator())),
    getPrototypeOf(getPrototypeOf(asyncGenerator())),
    getPrototypeOf([][Symbol.iterator]()),
    getPrototypeOf(new MapCtor().entries()),
    getPrototypeOf(new SetCtor().values()),
    getPrototypeOf(''[Symbol.iterator]()),
    getPrototypeOf('a'.matchAll(/a/g)),
    ownDescriptor((function () { return arguments; })(), 'callee').get,
  ];
  if (typeof Iterator === 'function') {
    found.push(getPrototypeOf([].values().map((x) => x)));
    found.push(getPrototypeOf(Iterator.from({ next: () => ({ done: true, value: undefined }) })));
  }
  if (typeof Intl.Segmenter === 'function') {
    const segments = new Intl.Segmenter().segment('a');
    found.push(getPrototypeOf(segments), getPrototypeOf(segments[Symbol.iterator]()));
  }
  return found;
}

// Everything reachable from these roots through properties, accessors and prototypes.
function reachableFrom(roots) {
  const seen = new SetCtor();
  const queue = [...roots];
  while (queue.length > 0) {
    const value = queue.pop();
    if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) continue;
    seen.add(value);
    queue.push(getPrototypeOf(value));
    for (const key of ownKeys(value)) {
      const descriptor = ownDescriptor(value, key);
      if ('value' in descriptor) queue.push(descriptor.value);
      else queue.push(descriptor.get, descriptor.set);
    }
  }
  return seen;
}

function lockdown() {
  for (const name of REMOVED_GLOBALS) delete globalThis[name];
  for (const name of ownNames(RegExp)) {
    if (name !== 'length' && name !== 'name' && name !== 'prototype') delete RegExp[name];
  }
  enableOverrides();
  for (const value of reachableFrom([globalThis, ...hiddenIntrinsics()])) freeze(value);
}
`;
