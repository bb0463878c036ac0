// The standard library's public functions, by global name. The isolate defines them (isolate/stdlib-*.ts);
// this host-side list lets the fast-path check accept calls to them, and a test keeps the two in step.
export const STDLIB_FUNCTIONS = {
  $date: [
    'now',
    'today',
    'parse',
    'isValid',
    'format',
    'parts',
    'add',
    'addMinutes',
    'addHours',
    'addDays',
    'addMonths',
    'startOf',
    'diff',
  ],
  $str: ['slugify', 'capitalize', 'truncate', 'camelCase', 'snakeCase', 'kebabCase', 'base64Encode', 'base64Decode'],
  $arr: ['chunk', 'uniq', 'uniqBy', 'sum', 'avg', 'min', 'max', 'groupBy', 'keyBy', 'sortBy', 'pluck', 'compact'],
  $crypto: ['sha256', 'sha1', 'md5', 'hmacSha256', 'hmacSha1'],
} as const satisfies Record<string, readonly string[]>;
