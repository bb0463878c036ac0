// Stripe's request bodies: application/x-www-form-urlencoded with nested keys in brackets
// (`metadata[plan]=pro`, `items[0][price]=price_1`), as its own client libraries send them.

export type FormValue = string | number | boolean | null | undefined | readonly FormValue[] | FormObject;
export interface FormObject {
  readonly [key: string]: FormValue;
}

/** Flattens nested params into bracketed keys; `undefined` and `null` are left out, `''` is kept (Stripe's "unset"). */
export function stripeForm(params: FormObject): Record<string, string> {
  const fields: Record<string, string> = {};
  const walk = (key: string, value: FormValue): void => {
    if (value === undefined || value === null) return;
    if (Array.isArray(value)) value.forEach((item: FormValue, index) => walk(`${key}[${index}]`, item));
    else if (typeof value === 'object') for (const [name, item] of Object.entries(value)) walk(`${key}[${name}]`, item);
    else fields[key] = String(value);
  };
  for (const [name, value] of Object.entries(params)) walk(name, value);
  return fields;
}
