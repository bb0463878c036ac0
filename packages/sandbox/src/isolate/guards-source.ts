// Isolate-side JavaScript, part 2: length guards on bulk builtins.
// V8 runs builtins such as `fill`, `map`, `indexOf` or `Object.keys` as native loops that a timeout cannot
// interrupt and whose allocations can bypass the heap limit: on a sparse array of length 1e9 they stall
// the isolate for minutes or abort the whole process. These wrappers turn such calls into a RangeError
// before the native loop starts. `config.maxElements` bounds arrays, strings and array-likes.
export const guardsSource = String.raw`
const MAX_ELEMENTS = config.maxElements;
const isView = ArrayBuffer.isView;
const typedArrayLength = ownDescriptor(getPrototypeOf(Uint8Array.prototype), 'length').get;
const stringIndexOf = String.prototype.indexOf;

function tooLarge(length) {
  return new RangeError(
    'An array or string of ' + length + ' elements is over the sandbox limit of ' + MAX_ELEMENTS + ' elements',
  );
}

// The length a builtin will see. Proxies do not exist in the sandbox, so descriptors tell the truth;
// a length getter could answer differently on its second read, so it is refused.
function lengthOf(value) {
  if (isArray(value) || typeof value === 'string') return value.length;
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return 0;
  if (isView(value)) {
    try {
      return reflectApply(typedArrayLength, value, []);
    } catch {
      return 0;
    }
  }
  for (let holder = value; holder !== null; holder = getPrototypeOf(holder)) {
    const descriptor = ownDescriptor(holder, 'length');
    if (descriptor === undefined) continue;
    if (!('value' in descriptor)) throw new TypeError('Array methods cannot use an object whose length is a getter');
    const length = descriptor.value;
    if (typeof length === 'object' || typeof length === 'function' || typeof length === 'symbol') {
      throw new TypeError('Array methods need an object whose length is a number');
    }
    const number = NumberCtor(length);
    return number === number ? number : 0;
  }
  return 0;
}

function guardLength(value) {
  const length = lengthOf(value);
  if (length > MAX_ELEMENTS) throw tooLarge(length);
  return length;
}

function countUpTo(text, separator, limit) {
  let count = 0;
  for (let at = reflectApply(stringIndexOf, text, [separator]); at !== -1; at = reflectApply(stringIndexOf, text, [separator, at + separator.length])) {
    count++;
    if (count > limit) return count;
  }
  return count;
}

function wrapFunction(holder, key, check) {
  const original = holder[key];
  if (typeof original !== 'function') return;
  const wrapped = {
    [key](...args) {
      check(this, args);
      return reflectApply(original, this, args);
    },
  }[key];
  defineWrapped(holder, key, original, wrapped);
}

function checkReceiver(self) {
  guardLength(self);
}

function checkConcat(self, args) {
  let total = guardLength(self);
  for (const arg of args) {
    if (arg !== null && typeof arg === 'object') total += guardLength(arg);
    if (total > MAX_ELEMENTS) throw tooLarge(total);
  }
}

function checkFirstArgument(_self, args) {
  guardLength(args[0]);
}

// Key enumeration only scales with indexed elements: those of arrays, strings and typed arrays.
function guardIndexed(value) {
  if (isArray(value) || typeof value === 'string' || isView(value)) guardLength(value);
}

function checkKeysArgument(_self, args) {
  guardIndexed(args[0]);
}

function checkSources(_self, args) {
  for (let i = 1; i < args.length; i++) guardIndexed(args[i]);
}

// Operations on strings longer than the limit whose native loops scale with the number of matches.
// A string pattern replaces or matches once; split and replaceAll count its occurrences first.
function checkSubject(text, pattern, splitLimit, mode) {
  if (text.length <= MAX_ELEMENTS) return;
  if (typeof pattern === 'string') {
    if (mode === 'once') return;
    if (mode === 'count' && pattern.length > 0) {
      const count = countUpTo(text, pattern, MAX_ELEMENTS);
      if (count <= MAX_ELEMENTS) return;
      throw tooLarge(count);
    }
  }
  if (typeof splitLimit === 'number' && splitLimit <= MAX_ELEMENTS) return;
  throw tooLarge(text.length);
}

function defineWrapped(holder, key, original, wrapped) {
  defineProperty(wrapped, 'length', { value: original.length });
  defineProperty(holder, key, { value: wrapped, writable: true, enumerable: false, configurable: true });
}

// The subject is converted to a string once, here, and that string is what the builtin receives.
function guardStringMethod(key, mode) {
  const original = String.prototype[key];
  const wrapped = {
    [key](...args) {
      if (this === null || this === undefined) return reflectApply(original, this, args);
      const text = typeof this === 'string' ? this : StringCtor(this);
      checkSubject(text, args[0], key === 'split' ? args[1] : undefined, mode);
      return reflectApply(original, text, args);
    },
  }[key];
  defineWrapped(String.prototype, key, original, wrapped);
}

function guardRegExpMethod(symbol) {
  const original = RegExp.prototype[symbol];
  const wrapped = {
    [symbol](subject, ...rest) {
      const text = StringCtor(subject);
      checkSubject(text, undefined, undefined, 'regexp');
      return reflectApply(original, this, [text, ...rest]);
    },
  }[symbol];
  defineWrapped(RegExp.prototype, symbol, original, wrapped);
}

// flat and flatMap walk nested arrays natively; JavaScript versions keep every step interruptible.
function flatInto(out, source, depth) {
  const length = guardLength(source);
  for (let i = 0; i < length; i++) {
    if (!(i in source)) continue;
    const value = source[i];
    if (depth > 0 && isArray(value)) flatInto(out, value, depth - 1);
    else out.push(value);
    if (out.length > MAX_ELEMENTS) throw tooLarge(out.length);
  }
  return out;
}

function installFlat() {
  const flat = {
    flat(depth) {
      const levels = depth === undefined ? 1 : mathTrunc(NumberCtor(depth)) || 0;
      return flatInto([], Object(this), levels);
    },
    flatMap(callback, thisArg) {
      if (typeof callback !== 'function') throw new TypeError('flatMap needs a function');
      const source = Object(this);
      const length = guardLength(source);
      const out = [];
      for (let i = 0; i < length; i++) {
        if (!(i in source)) continue;
        const value = reflectApply(callback, thisArg, [source[i], i, source]);
        if (isArray(value)) flatInto(out, value, 0);
        else out.push(value);
        if (out.length > MAX_ELEMENTS) throw tooLarge(out.length);
      }
      return out;
    },
  };
  for (const key of ['flat', 'flatMap']) {
    defineProperty(flat[key], 'length', { value: key === 'flat' ? 0 : 1 });
    defineProperty(Array.prototype, key, { value: flat[key], writable: true, enumerable: false, configurable: true });
  }
}

function installGuards() {
  const receiverChecked = [
    'copyWithin', 'every', 'fill', 'filter', 'find', 'findIndex', 'findLast', 'findLastIndex', 'forEach',
    'includes', 'indexOf', 'join', 'lastIndexOf', 'map', 'reduce', 'reduceRight', 'reverse', 'shift', 'slice',
    'some', 'sort', 'splice', 'toLocaleString', 'toReversed', 'toSorted', 'toSpliced', 'unshift', 'with',
  ];
  for (const key of receiverChecked) wrapFunction(Array.prototype, key, checkReceiver);
  wrapFunction(Array.prototype, 'concat', checkConcat);
  installFlat();
  wrapFunction(Array, 'from', checkFirstArgument);
  wrapFunction(Array, 'fromAsync', checkFirstArgument);
  wrapFunction(getPrototypeOf(Uint8Array), 'from', checkFirstArgument);
  for (const key of ['keys', 'values', 'entries', 'getOwnPropertyNames', 'getOwnPropertyDescriptors', 'groupBy']) {
    wrapFunction(Object, key, checkKeysArgument);
  }
  wrapFunction(Map, 'groupBy', checkKeysArgument);
  wrapFunction(Object, 'assign', checkSources);
  wrapFunction(Reflect, 'ownKeys', checkKeysArgument);
  guardStringMethod('split', 'count');
  guardStringMethod('replaceAll', 'count');
  guardStringMethod('match', 'once');
  guardStringMethod('replace', 'once');
  for (const symbol of [Symbol.split, Symbol.match, Symbol.replace]) guardRegExpMethod(symbol);
}
`;
