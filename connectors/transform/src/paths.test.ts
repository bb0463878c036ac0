import { expect, test } from 'vitest';
import { deletePath, getPath, setPath, type Json } from './paths.js';
import { setFields } from './set-fields.js';

test('gets, sets and deletes deep paths, creating objects and lists on the way', () => {
  const doc: Json = { customer: { name: 'Ann' } };
  setPath(doc, 'customer.address.city', 'Paris');
  setPath(doc, 'lines[0].sku', 'A1');
  setPath(doc, "['odd.key']", 1);
  expect(doc).toEqual({ customer: { name: 'Ann', address: { city: 'Paris' } }, lines: [{ sku: 'A1' }], 'odd.key': 1 });
  expect(getPath(doc, 'lines.0.sku')).toBe('A1');
  expect(getPath(doc, 'customer.missing.x')).toBeUndefined();
  expect(deletePath(doc, 'customer.address')).toBe(true);
  expect(deletePath(doc, 'customer.address')).toBe(false);
  expect(doc).toMatchObject({ customer: { name: 'Ann' } });
});

test('refuses paths into prototypes', () => {
  const doc: Json = {};
  expect(() => setPath(doc, '__proto__.polluted', true)).toThrow(/reserved name "__proto__"/);
  expect(() => setPath(doc, 'a.constructor.prototype.x', 1)).toThrow(/reserved/);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(getPath({ a: 1 }, 'toString')).toBeUndefined();
});

test('setFields copies from the item, falls back to values, removes, and can replace', () => {
  const item: Json = { id: 7, user: { email: 'a@x.io', secret: 's' } };
  expect(
    setFields(item, {
      fields: [
        { to: 'contact.email', from: 'user.email' },
        { to: 'source', value: 'crm' },
        { to: 'phone', from: 'user.phone', value: null },
      ],
      remove: ['user.secret'],
    }),
  ).toEqual({ id: 7, user: { email: 'a@x.io' }, contact: { email: 'a@x.io' }, source: 'crm', phone: null });
  expect(setFields(item, { mode: 'replace', fields: [{ to: 'id', from: 'id' }] })).toEqual({ id: 7 });
  expect(item).toEqual({ id: 7, user: { email: 'a@x.io', secret: 's' } });
  expect(() => setFields('text', { fields: [{ to: 'a', value: 1 }] })).toThrow(/only be set on objects/);
});
