// Rejected webhooks, kept in memory as a bounded list (newest first): what an operator reads to learn why a
// provider's deliveries are refused, without the logs. Only the flow id, the reason (a problem code), the status
// and the time — never headers or the body. Per process: each web process lists what it refused.
export interface Rejection {
  flowId: string;
  reason: string;
  status: number;
  at: string;
}

export const MAX_REJECTIONS = 1000;

export class RejectionLog {
  private readonly items: Rejection[] = [];

  constructor(
    private readonly now: () => number,
    private readonly max = MAX_REJECTIONS,
  ) {}

  record(flowId: string, reason: string, status: number): void {
    this.items.push({ flowId, reason, status, at: new Date(this.now()).toISOString() });
    if (this.items.length > this.max) this.items.splice(0, this.items.length - this.max);
  }

  /** Newest first, optionally of one flow or one reason. */
  list(filter: { flowId?: string; reason?: string; limit?: number } = {}): Rejection[] {
    const found: Rejection[] = [];
    const limit = filter.limit ?? this.max;
    for (let i = this.items.length - 1; i >= 0 && found.length < limit; i--) {
      const item = this.items[i]!;
      if (filter.flowId !== undefined && item.flowId !== filter.flowId) continue;
      if (filter.reason !== undefined && item.reason !== filter.reason) continue;
      found.push(item);
    }
    return found;
  }
}
