// Declared rate limits: at most `limit` requests in any `interval` ms, per credential or per connector.
export interface RateLimit {
  per: 'credential' | 'connector';
  limit: number;
  /** Window length in ms. */
  interval: number;
}
