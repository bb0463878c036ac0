// The Google connector: Gmail (send, new mail matching a search) and Google Calendar (create events, event
// changes), with OAuth2 authorization code + PKCE and offline access (refresh tokens).
import { defineConnector } from '@weft/sdk';
import { createCalendarEvent } from './actions/create-calendar-event.js';
import { sendEmail } from './actions/send-email.js';
import { calendarEventChanged } from './triggers/calendar-event-changed.js';
import { newEmail } from './triggers/new-email.js';
import { googleErrors } from './google-request.js';

export default defineConnector({
  name: 'google',
  version: '1.0.0',
  title: 'Google (Gmail and Calendar)',
  description: 'Sends Gmail messages and creates Calendar events; starts flows from new mail and calendar changes.',
  icon: '📧',
  categories: ['Communication', 'Productivity'],
  docsUrl: 'https://developers.google.com/workspace',
  auth: {
    kind: 'oauth2',
    grant: 'authorizationCode',
    authorizeUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
    tokenUrl: 'https://oauth2.googleapis.com/token',
    scopes: [
      'https://www.googleapis.com/auth/gmail.send',
      'https://www.googleapis.com/auth/gmail.readonly',
      'https://www.googleapis.com/auth/calendar.events',
    ],
    pkce: true,
    // offline + consent: Google returns a refresh token (again, on reconnect), so Weft can refresh access tokens.
    authorizeParams: { access_type: 'offline', prompt: 'consent', include_granted_scopes: 'true' },
    help: 'Create an OAuth client (Web application) in Google Cloud Console → APIs & Services → Credentials, enable the Gmail and Google Calendar APIs, and add the Weft redirect URL.',
  },
  // Gmail allows 250 quota units per user per second (send costs 100, reads 5, history 2); Calendar about 600
  // requests per user per minute. Counting requests, these keep a mailbox below both; a 429 is retried.
  rateLimits: [
    { per: 'credential', limit: 10, interval: 1000 },
    { per: 'credential', limit: 500, interval: 60_000 },
  ],
  baseUrl: 'https://www.googleapis.com',
  errors: googleErrors,
  actions: [sendEmail, createCalendarEvent],
  triggers: [newEmail, calendarEventChanged],
});
