// RFC 2822 / MIME messages for Gmail's `messages.send` (which takes the whole message, base64url-encoded, as
// `raw`): UTF-8 bodies in base64, non-ASCII subjects and display names as RFC 2047 encoded words, and
// header values refused when they contain line breaks (header injection).
import { createHash } from 'node:crypto';
import { ConnectorError } from '@weft/sdk';

export interface MailMessage {
  from?: string;
  to: readonly string[];
  cc?: readonly string[];
  bcc?: readonly string[];
  replyTo?: string;
  subject: string;
  text?: string;
  html?: string;
  /** Message-ID of the message replied to (threads the reply for recipients). */
  inReplyTo?: string;
}

export function buildMimeMessage(message: MailMessage): string {
  const fields: [string, string | readonly string[] | undefined][] = [
    ['From', message.from],
    ['To', message.to],
    ['Cc', message.cc],
    ['Bcc', message.bcc],
    ['Reply-To', message.replyTo],
    ['Subject', message.subject],
    ['In-Reply-To', message.inReplyTo],
  ];
  for (const [name, value] of fields) {
    if ([value ?? []].flat().some((v) => /[\r\n]/.test(v))) {
      throw new ConnectorError({
        kind: 'validation',
        code: 'gmail_header_line_break',
        message: `The ${name} of the email contains a line break, which is not allowed in a header`,
      });
    }
  }
  const headers: [string, string][] = [];
  const add = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '') headers.push([name, value]);
  };
  add('From', message.from && address(message.from));
  add('To', addressList(message.to));
  add('Cc', message.cc && addressList(message.cc));
  add('Bcc', message.bcc && addressList(message.bcc));
  add('Reply-To', message.replyTo && address(message.replyTo));
  add('Subject', encodeWords(message.subject));
  add('In-Reply-To', message.inReplyTo);
  add('References', message.inReplyTo);
  headers.push(['MIME-Version', '1.0']);

  const parts: { type: string; content: string }[] = [];
  if (message.text !== undefined) parts.push({ type: 'text/plain', content: message.text });
  if (message.html !== undefined) parts.push({ type: 'text/html', content: message.html });
  if (parts.length === 0) parts.push({ type: 'text/plain', content: '' });

  const lines = headers.map(([name, value]) => `${name}: ${value}`);
  if (parts.length === 1) {
    lines.push(...partHeaders(parts[0]!.type), '', base64Lines(parts[0]!.content));
    return `${lines.join('\r\n')}\r\n`;
  }
  // Derived from the content, so a retried step builds byte-identical messages.
  const boundary = `weft_${createHash('sha256')
    .update(parts.map((p) => p.content).join('\0'))
    .digest('hex')
    .slice(0, 24)}`;
  lines.push(`Content-Type: multipart/alternative; boundary="${boundary}"`, '');
  for (const part of parts) lines.push(`--${boundary}`, ...partHeaders(part.type), '', base64Lines(part.content));
  lines.push(`--${boundary}--`);
  return `${lines.join('\r\n')}\r\n`;
}

/** Gmail's `raw`: the message in base64url. */
export function toRaw(mime: string): string {
  return Buffer.from(mime, 'utf8').toString('base64url');
}

function partHeaders(type: string): string[] {
  return [`Content-Type: ${type}; charset="UTF-8"`, 'Content-Transfer-Encoding: base64'];
}

function base64Lines(content: string): string {
  return (
    Buffer.from(content, 'utf8')
      .toString('base64')
      .match(/.{1,76}/g) ?? ['']
  ).join('\r\n');
}

function addressList(list: readonly string[]): string {
  return list.map(address).join(', ');
}

/** `Zoë Smith <zoe@example.com>` → the display name as an encoded word; bare addresses stay as they are. */
function address(value: string): string {
  const match = /^\s*(.*?)\s*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(value);
  if (!match) return value.trim();
  const name = match[1]!.replace(/^"(.*)"$/, '$1');
  if (name === '') return `<${match[2]}>`;
  return `${/^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : encodeWords(name)} <${match[2]}>`;
}

/** RFC 2047: ASCII text as is; anything else as `=?UTF-8?B?...?=` words of at most 75 characters, folded. */
export function encodeWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const char of text) {
    // 45 bytes encode to 60 base64 characters: with `=?UTF-8?B?` and `?=` a word stays within 75.
    if (Buffer.byteLength(chunk + char, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\r\n ');
}
