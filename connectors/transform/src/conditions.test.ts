import { expect, test } from 'vitest';
import { matches, matchesAll, type Condition } from './conditions.js';
import type { Json } from './paths.js';

const order: Json = {
  id: 'o1',
  total: 120.5,
  status: 'Paid',
  tags: ['vip', 'eu'],
  createdAt: '2024-05-01T10:00:00Z',
  customer: { country: 'FR', email: '' },
  quantity: '3',
};
const check = (condition: Condition) => matches(order, condition);

test('compares numbers by value, numeric strings included', () => {
  expect(check({ field: 'total', operator: 'gt', value: 100 })).toBe(true);
  expect(check({ field: 'total', operator: 'lte', value: '120.5' })).toBe(true);
  expect(check({ field: 'quantity', operator: 'equals', value: 3 })).toBe(true);
  expect(check({ field: 'quantity', operator: 'lt', value: 10 })).toBe(true); // not "3" < "10" as text
});

test('orders ISO dates as text and never passes missing values', () => {
  expect(check({ field: 'createdAt', operator: 'gte', value: '2024-05-01T00:00:00Z' })).toBe(true);
  expect(check({ field: 'missing', operator: 'lt', value: 5 })).toBe(false);
  expect(check({ field: 'missing', operator: 'gt', value: 5 })).toBe(false);
});

test('text operators, optionally ignoring case', () => {
  expect(check({ field: 'status', operator: 'equals', value: 'paid' })).toBe(false);
  expect(check({ field: 'status', operator: 'equals', value: 'paid', caseSensitive: false })).toBe(true);
  expect(check({ field: 'status', operator: 'startsWith', value: 'Pa' })).toBe(true);
  expect(check({ field: 'id', operator: 'endsWith', value: '1' })).toBe(true);
  expect(check({ field: 'status', operator: 'contains', value: 'AI', caseSensitive: false })).toBe(true);
});

test('lists: contains, in and notIn', () => {
  expect(check({ field: 'tags', operator: 'contains', value: 'vip' })).toBe(true);
  expect(check({ field: 'tags', operator: 'notContains', value: 'us' })).toBe(true);
  expect(check({ field: 'customer.country', operator: 'in', value: ['DE', 'FR'] })).toBe(true);
  expect(check({ field: 'customer.country', operator: 'notIn', value: ['DE', 'FR'] })).toBe(false);
  expect(() => check({ field: 'customer.country', operator: 'in', value: 'FR' })).toThrow(/needs a list/);
});

test('existence and emptiness', () => {
  expect(check({ field: 'customer.email', operator: 'exists' })).toBe(true);
  expect(check({ field: 'customer.email', operator: 'isEmpty' })).toBe(true);
  expect(check({ field: 'customer.phone', operator: 'notExists' })).toBe(true);
  expect(check({ field: 'tags', operator: 'isNotEmpty' })).toBe(true);
});

test('all or any', () => {
  const conditions: Condition[] = [
    { field: 'total', operator: 'gt', value: 1000 },
    { field: 'status', operator: 'equals', value: 'Paid' },
  ];
  expect(matchesAll(order, conditions, 'all')).toBe(false);
  expect(matchesAll(order, conditions, 'any')).toBe(true);
  expect(matchesAll(order, [], 'all')).toBe(true);
});
