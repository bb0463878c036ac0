// Isolate-side JavaScript, part 1: intrinsics captured before any user code exists.
// Every `*-source.ts` file in this folder holds plain JavaScript that runs inside each new isolate context
// (see setup-source.ts for how the parts are stitched into one strict function). Scripts run only after
// lockdown froze every intrinsic, so capturing mostly keeps the setup independent of the accessor-based
// "assignable overrides" that lockdown installs on a few prototype properties.
export const preludeSource = String.raw`
const ObjectProto = Object.prototype;
const objectKeys = Object.keys;
const ownDescriptor = Object.getOwnPropertyDescriptor;
const ownNames = Object.getOwnPropertyNames;
const getPrototypeOf = Object.getPrototypeOf;
const defineProperty = Object.defineProperty;
const freeze = Object.freeze;
const objectCreate = Object.create;
const reflectApply = Reflect.apply;
const ownKeys = Reflect.ownKeys;
const isArray = Array.isArray;
const jsonParse = JSON.parse;
const jsonStringify = JSON.stringify;
const objectToString = ObjectProto.toString;
const dateGetTime = Date.prototype.getTime;
const dateToISOString = Date.prototype.toISOString;
const DateCtor = Date;
const dateUTC = Date.UTC;
const FunctionCtor = Function;
const AsyncFunctionCtor = getPrototypeOf(async function () {}).constructor;
const PromiseCtor = Promise;
const promiseThen = Promise.prototype.then;
const promiseResolve = Promise.resolve;
const MapCtor = Map;
const SetCtor = Set;
const StringCtor = String;
const NumberCtor = Number;
const isFiniteNumber = Number.isFinite;
const isInteger = Number.isInteger;
const mathFloor = Math.floor;
const mathTrunc = Math.trunc;
const mathAbs = Math.abs;
const symbolToString = Symbol.prototype.toString;

function tagOf(value) {
  try {
    return reflectApply(objectToString, value, []).slice(8, -1);
  } catch {
    return 'Object';
  }
}

function isDate(value) {
  try {
    reflectApply(dateGetTime, value, []);
    return true;
  } catch {
    return false;
  }
}

function typeName(value) {
  if (value === null) return 'null';
  if (isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : 'a ' + typeof value;
}
`;
