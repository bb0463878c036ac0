// Isolate-side JavaScript: the `$str` and `$arr` helpers of the standard library (documented in README.md),
// plus the UTF-8 and base64 codecs `$crypto` also uses. Every helper's work and output grow linearly with
// its input, which lets the host run calls to them on its synchronous fast path.
export const stdlibTextSource = String.raw`
function requireString(value, where) {
  if (typeof value !== 'string') throw new TypeError(where + ' expects a string, got ' + typeName(value));
  return value;
}

function requireArray(value, where) {
  if (!isArray(value)) throw new TypeError(where + ' expects an array, got ' + typeName(value));
  return value;
}

// UTF-8 bytes as a plain array of numbers; lone surrogates become U+FFFD like TextEncoder does.
function utf8Encode(text) {
  const bytes = [];
  for (let i = 0; i < text.length; i++) {
    let code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        code = 0x10000 + ((code - 0xd800) << 10) + (next - 0xdc00);
        i++;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) code = 0xfffd;
    if (code < 0x80) bytes.push(code);
    else if (code < 0x800) bytes.push(0xc0 | (code >> 6), 0x80 | (code & 63));
    else if (code < 0x10000) bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
    else bytes.push(0xf0 | (code >> 18), 0x80 | ((code >> 12) & 63), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63));
  }
  return bytes;
}

function utf8Decode(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const byte = bytes[i];
    const size = byte < 0x80 ? 1 : byte >= 0xf0 && byte < 0xf8 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 0;
    let code = size === 1 ? byte : size === 2 ? byte & 31 : size === 3 ? byte & 15 : byte & 7;
    let valid = size > 0 && i + size <= bytes.length;
    for (let j = 1; valid && j < size; j++) {
      const next = bytes[i + j];
      if ((next & 0xc0) !== 0x80) valid = false;
      else code = (code << 6) | (next & 63);
    }
    if (!valid) {
      out += '\ufffd';
      i++;
      continue;
    }
    out += StringCtor.fromCodePoint(code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? 0xfffd : code);
    i += size;
  }
  return out;
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function base64FromBytes(bytes) {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] || 0) << 8) | (bytes[i + 2] || 0);
    out += BASE64[n >> 18] + BASE64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? BASE64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? BASE64[n & 63] : '=';
  }
  return out;
}

function bytesFromBase64(text) {
  const clean = text.replace(/[\s=]+/g, '').replace(/-/g, '+').replace(/_/g, '/');
  if (/[^A-Za-z0-9+/]/.test(clean) || clean.length % 4 === 1) throw new TypeError('$str.base64Decode: not valid base64');
  const bytes = [];
  for (let i = 0; i < clean.length; i += 4) {
    let n = 0;
    let count = 0;
    for (let j = 0; j < 4; j++) {
      const index = i + j < clean.length ? BASE64.indexOf(clean[i + j]) : -1;
      n = (n << 6) | (index < 0 ? 0 : index);
      if (index >= 0) count++;
    }
    bytes.push((n >> 16) & 255);
    if (count > 2) bytes.push((n >> 8) & 255);
    if (count > 3) bytes.push(n & 255);
  }
  return bytes;
}

function withoutAccents(text) {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
}

function words(text) {
  return withoutAccents(text)
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== '');
}

const $str = {
  slugify(text) {
    return withoutAccents(requireString(text, '$str.slugify')).toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  },
  capitalize(text) {
    requireString(text, '$str.capitalize');
    return text.charAt(0).toUpperCase() + text.slice(1);
  },
  truncate(text, length, suffix) {
    requireString(text, '$str.truncate');
    const end = suffix === undefined ? '\u2026' : requireString(suffix, '$str.truncate suffix');
    if (!isInteger(length) || length < 0) throw new RangeError('$str.truncate expects a length >= 0');
    if (text.length <= length) return text;
    return text.slice(0, length > end.length ? length - end.length : 0) + end;
  },
  camelCase(text) {
    return words(requireString(text, '$str.camelCase'))
      .map((word, i) => (i === 0 ? word.toLowerCase() : word.charAt(0).toUpperCase() + word.slice(1).toLowerCase()))
      .join('');
  },
  snakeCase(text) {
    return words(requireString(text, '$str.snakeCase')).map((word) => word.toLowerCase()).join('_');
  },
  kebabCase(text) {
    return words(requireString(text, '$str.kebabCase')).map((word) => word.toLowerCase()).join('-');
  },
  base64Encode(text) {
    return base64FromBytes(utf8Encode(requireString(text, '$str.base64Encode')));
  },
  base64Decode(text) {
    return utf8Decode(bytesFromBase64(requireString(text, '$str.base64Decode')));
  },
};

function keyReader(key, where) {
  if (key === undefined) return (item) => item;
  if (typeof key === 'function') return (item, i) => key(item, i);
  if (typeof key !== 'string' && typeof key !== 'number') throw new TypeError(where + ' expects a property path or a function');
  const path = typeof key === 'number' ? [StringCtor(key)] : key.split('.');
  return (item) => {
    let value = item;
    for (const part of path) {
      if (value === null || value === undefined) return undefined;
      value = value[part];
    }
    return value;
  };
}

function numbersOf(items, key, where) {
  const read = keyReader(key, where);
  const numbers = [];
  requireArray(items, where).forEach((item, i) => {
    const value = read(item, i);
    if (typeof value === 'number' && isFiniteNumber(value)) numbers.push(value);
  });
  return numbers;
}

function setOwn(target, key, value) {
  defineProperty(target, key, { value: value, writable: true, enumerable: true, configurable: true });
}

function compareKeys(a, b) {
  const aMissing = a === undefined || a === null;
  const bMissing = b === undefined || b === null;
  if (aMissing || bMissing) return aMissing === bMissing ? 0 : aMissing ? 1 : -1;
  if (typeof a !== typeof b) return typeof a < typeof b ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const $arr = {
  chunk(items, size) {
    requireArray(items, '$arr.chunk');
    if (!isInteger(size) || size < 1) throw new RangeError('$arr.chunk expects a size >= 1');
    const chunks = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    return chunks;
  },
  uniq(items) {
    const seenValues = new SetCtor();
    const seenJson = new SetCtor();
    return requireArray(items, '$arr.uniq').filter((item) => {
      const structured = item !== null && typeof item === 'object';
      const key = structured ? jsonStringify(item) : item;
      const seen = structured ? seenJson : seenValues;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  },
  uniqBy(items, key) {
    const read = keyReader(key, '$arr.uniqBy');
    const seen = new SetCtor();
    return requireArray(items, '$arr.uniqBy').filter((item, i) => {
      const value = read(item, i);
      if (seen.has(value)) return false;
      seen.add(value);
      return true;
    });
  },
  sum(items, key) {
    return numbersOf(items, key, '$arr.sum').reduce((total, value) => total + value, 0);
  },
  avg(items, key) {
    const numbers = numbersOf(items, key, '$arr.avg');
    return numbers.length === 0 ? null : numbers.reduce((total, value) => total + value, 0) / numbers.length;
  },
  min(items, key) {
    const numbers = numbersOf(items, key, '$arr.min');
    return numbers.length === 0 ? null : numbers.reduce((a, b) => (b < a ? b : a));
  },
  max(items, key) {
    const numbers = numbersOf(items, key, '$arr.max');
    return numbers.length === 0 ? null : numbers.reduce((a, b) => (b > a ? b : a));
  },
  groupBy(items, key) {
    const read = keyReader(key, '$arr.groupBy');
    const groups = {};
    requireArray(items, '$arr.groupBy').forEach((item, i) => {
      const name = StringCtor(read(item, i));
      if (ownDescriptor(groups, name) === undefined) setOwn(groups, name, []);
      groups[name].push(item);
    });
    return groups;
  },
  keyBy(items, key) {
    const read = keyReader(key, '$arr.keyBy');
    const keyed = {};
    requireArray(items, '$arr.keyBy').forEach((item, i) => setOwn(keyed, StringCtor(read(item, i)), item));
    return keyed;
  },
  sortBy(items, key, order) {
    const read = keyReader(key, '$arr.sortBy');
    if (order !== undefined && order !== 'asc' && order !== 'desc') throw new RangeError('$arr.sortBy order is "asc" or "desc"');
    const sign = order === 'desc' ? -1 : 1;
    return requireArray(items, '$arr.sortBy')
      .map((item, i) => ({ item: item, key: read(item, i) }))
      .sort((a, b) => {
        const missing = (a.key === undefined || a.key === null) !== (b.key === undefined || b.key === null);
        return missing ? compareKeys(a.key, b.key) : sign * compareKeys(a.key, b.key);
      })
      .map((entry) => entry.item);
  },
  pluck(items, path) {
    const read = keyReader(path, '$arr.pluck');
    return requireArray(items, '$arr.pluck').map((item, i) => read(item, i));
  },
  compact(items) {
    return requireArray(items, '$arr.compact').filter((item) => Boolean(item));
  },
};
`;
