// Clerk users as the action and triggers return them: the fields flows use, camel-cased, with the primary
// email address picked out.

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

export interface ClerkUser {
  id: string;
  username?: string | null;
  first_name?: string | null;
  last_name?: string | null;
  image_url?: string | null;
  primary_email_address_id?: string | null;
  email_addresses?: { id: string; email_address: string; verification?: { status?: string } | null }[];
  primary_phone_number_id?: string | null;
  phone_numbers?: { id: string; phone_number: string }[];
  external_id?: string | null;
  public_metadata?: { [key: string]: Json };
  created_at?: number;
  updated_at?: number;
  last_sign_in_at?: number | null;
  banned?: boolean;
  deleted?: boolean;
}

const nullableString = { type: ['string', 'null'] } as const;

export const userSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    primaryEmail: nullableString,
    emailAddresses: { type: 'array', items: { type: 'string' } },
    primaryPhone: nullableString,
    username: nullableString,
    firstName: nullableString,
    lastName: nullableString,
    fullName: nullableString,
    imageUrl: nullableString,
    externalId: nullableString,
    publicMetadata: { type: 'object' },
    createdAt: { type: ['string', 'null'], format: 'date-time' },
    updatedAt: { type: ['string', 'null'], format: 'date-time' },
    lastSignInAt: { type: ['string', 'null'], format: 'date-time' },
    banned: { type: 'boolean' },
  },
  required: ['id', 'primaryEmail', 'emailAddresses'],
} as const;

export function toUser(user: ClerkUser) {
  const emails = user.email_addresses ?? [];
  const primaryEmail = emails.find((e) => e.id === user.primary_email_address_id) ?? emails[0];
  const phones = user.phone_numbers ?? [];
  const primaryPhone = phones.find((p) => p.id === user.primary_phone_number_id) ?? phones[0];
  const fullName = [user.first_name, user.last_name].filter(Boolean).join(' ');
  const iso = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : null);
  return {
    id: user.id,
    primaryEmail: primaryEmail?.email_address ?? null,
    emailAddresses: emails.map((e) => e.email_address),
    primaryPhone: primaryPhone?.phone_number ?? null,
    username: user.username ?? null,
    firstName: user.first_name ?? null,
    lastName: user.last_name ?? null,
    fullName: fullName || null,
    imageUrl: user.image_url ?? null,
    externalId: user.external_id ?? null,
    publicMetadata: user.public_metadata ?? {},
    createdAt: iso(user.created_at),
    updatedAt: iso(user.updated_at),
    lastSignInAt: iso(user.last_sign_in_at),
    banned: user.banned ?? false,
  };
}
