// docs/errors.md, written from the catalogue: one table per section, one row (and anchor) per code. The
// server's `/errors` page and the committed file come from here, so they cannot disagree with the code.
import { ERROR_SECTIONS, type ErrorEntry } from './error-catalogue.js';

const FAULT_WORDS: Record<ErrorEntry['fault'], string> = {
  user: 'user — fix the flow, input or request',
  upstream: 'upstream — a service Weft called failed; often retryable',
  system: 'system — Weft or its host failed; see the server log',
};

export function renderErrorsMarkdown(): string {
  const lines = [
    '<!-- Generated from packages/core/src/error-catalogue.ts by `node scripts/gen-errors-doc.mjs`; do not edit. -->',
    '# Error codes',
    '',
    'Every error Weft reports carries a stable `code`. Over HTTP it is an RFC 9457 `application/problem+json`',
    'whose `type` is `/errors#<code>` on the same server (this page, served at `GET /errors`), whose `title` is',
    'the title below and whose `code` member is the code. In run history an error is `{ code, message, fault }`.',
    '',
    'The fault says who can fix it:',
    '',
    ...Object.values(FAULT_WORDS).map((words) => `- **${words}**`),
    '',
    'A connector may refine one of the generic `connector_<kind>` codes with its own code (for example',
    '`stripe_customer_deleted`, or `slack_<error>` from the Slack API). Those codes are declared by the connector,',
    'not here: they take the fault and status of their kind (`details.kind`) and link to the kind below.',
    '',
  ];
  for (const section of ERROR_SECTIONS) {
    lines.push(
      `## ${section.heading}`,
      '',
      section.about,
      '',
      '| Code | Status | Fault | Title |',
      '| --- | --- | --- | --- |',
    );
    for (const [code, entry] of Object.entries(section.codes)) {
      lines.push(`| <a id="${code}"></a>\`${code}\` | ${entry.status} | ${entry.fault} | ${entry.title} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
