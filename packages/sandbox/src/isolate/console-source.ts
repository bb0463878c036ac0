// Isolate-side JavaScript: the sandbox console. Messages go to the current evaluation's bounded log
// (`config.logMaxEntries` entries, `config.logMaxChars` characters), then one marker says how many were
// dropped. Values are formatted here, inside the isolate, so only strings leave it.
export const consoleSource = String.raw`
const LOG_MAX_ENTRIES = config.logMaxEntries;
const LOG_MAX_CHARS = config.logMaxChars;
const INSPECT_MAX_ITEMS = 30;
const INSPECT_MAX_DEPTH = 3;
let activeLog = null;

function startLog() {
  activeLog = { entries: [], chars: 0, dropped: 0, finished: false };
  return activeLog;
}

function finishLog(log) {
  const entries = log.entries;
  if (log.dropped > 0 && !log.finished) {
    log.finished = true;
    entries.push({
      level: 'warn',
      message: '[' + log.dropped + ' more log entries dropped: scripts may log ' + LOG_MAX_ENTRIES + ' entries and '
        + LOG_MAX_CHARS + ' characters]',
    });
  }
  return entries;
}

function errorText(value) {
  try {
    const name = value.name;
    const message = value.message;
    if (typeof message === 'string') {
      const prefix = typeof name === 'string' && name !== '' ? name : 'Error';
      return message === '' ? prefix : prefix + ': ' + message;
    }
  } catch {
    // fall through
  }
  return 'Error';
}

function inspect(value, depth, seen, budget) {
  switch (typeof value) {
    case 'string':
      return depth === 0 ? value : jsonStringify(value);
    case 'number':
      return value === 0 && 1 / value < 0 ? '-0' : StringCtor(value);
    case 'bigint':
      return StringCtor(value) + 'n';
    case 'symbol':
      return reflectApply(symbolToString, value, []);
    case 'undefined':
      return 'undefined';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'function': {
      const name = value.name;
      return typeof name === 'string' && name !== '' ? '[Function: ' + name + ']' : '[Function]';
    }
  }
  if (value === null) return 'null';
  if (seen.has(value)) return '[Circular]';
  const tag = tagOf(value);
  if (tag === 'Error') return errorText(value);
  if (tag === 'Date') return isDate(value) ? safeISO(value) : '[Date]';
  const array = isArray(value);
  if (depth >= INSPECT_MAX_DEPTH) return array ? '[Array]' : '[Object]';
  seen.add(value);
  const keys = array ? null : objectKeys(value);
  const count = array ? value.length : keys.length;
  const parts = [];
  let used = 0;
  for (let i = 0; i < count && i < INSPECT_MAX_ITEMS && used < budget; i++) {
    const item = array ? inspect(value[i], depth + 1, seen, budget - used) : keyText(keys[i]) + ': ' + inspect(value[keys[i]], depth + 1, seen, budget - used);
    used += item.length + 2;
    parts.push(item);
  }
  seen.delete(value);
  if (parts.length < count) parts.push('... ' + (count - parts.length) + ' more');
  if (parts.length === 0) return array ? '[]' : '{}';
  return array ? '[ ' + parts.join(', ') + ' ]' : '{ ' + parts.join(', ') + ' }';
}

function keyText(key) {
  return /^[A-Za-z_$][\w$]*$/.test(key) ? key : jsonStringify(key);
}

function safeISO(date) {
  try {
    return reflectApply(dateToISOString, date, []);
  } catch {
    return 'Invalid Date';
  }
}

function formatLogArguments(args, budget) {
  let message = '';
  for (let i = 0; i < args.length && message.length < budget; i++) {
    let text;
    try {
      text = inspect(args[i], 0, new SetCtor(), budget - message.length);
    } catch (error) {
      text = '[unprintable: ' + errorText(error) + ']';
    }
    message += (i === 0 ? '' : ' ') + text;
  }
  return message;
}

function writeLog(level, args) {
  const log = activeLog;
  if (log === null) return;
  const room = LOG_MAX_CHARS - log.chars;
  if (log.entries.length >= LOG_MAX_ENTRIES || room <= 0) {
    log.dropped++;
    return;
  }
  let message = formatLogArguments(args, room);
  if (message.length > room) message = message.slice(0, mathFloor(room - 1)) + '\u2026';
  log.chars += message.length;
  log.entries.push({ level: level, message: message });
}

function installConsole() {
  const methods = [['log', 'info'], ['info', 'info'], ['debug', 'debug'], ['trace', 'debug'], ['dir', 'info'], ['warn', 'warn'], ['error', 'error']];
  const sandboxConsole = {};
  for (const [name, level] of methods) {
    sandboxConsole[name] = {
      [name](...args) {
        writeLog(level, args);
      },
    }[name];
  }
  defineProperty(globalThis, 'console', { value: sandboxConsole, writable: false, enumerable: false, configurable: false });
}
`;
