// Whether a flow is live, said truthfully from the server's record: publishing and switching on are one action
// for people ("Publish and switch on"), and the state shown right after it is the state the server holds.
export interface LiveRecord {
  active: boolean;
  activeVersion?: number | null;
}

export interface LiveState {
  tone: 'on' | 'off' | 'never';
  /** Short state for the toolbar badge. */
  label: string;
  /** One sentence for people. */
  detail: string;
}

export function liveState(record: LiveRecord): LiveState {
  const version = record.activeVersion ?? undefined;
  if (record.active && version !== undefined)
    return { tone: 'on', label: `On · v${version}`, detail: `Version ${version} runs each time the trigger fires.` };
  if (version !== undefined)
    return {
      tone: 'off',
      label: `Off · v${version}`,
      detail: `Version ${version} is published but switched off: the trigger starts nothing.`,
    };
  return { tone: 'never', label: 'Not published', detail: 'Not published yet: the trigger starts nothing.' };
}

/** The one primary action: a flow that is on gets its changes published; any other is published and switched on. */
export function publishLabel(record: LiveRecord): string {
  return record.active ? 'Publish changes' : 'Publish and switch on';
}

/** The record once `version` is published (the server makes the newest version the one that runs). */
export function published<R extends LiveRecord>(record: R, version: number): R {
  return { ...record, activeVersion: version };
}

/** What to tell people after publishing (and switching on when it was off). */
export function publishedMessage(version: number, switchedOn: boolean): string {
  return switchedOn
    ? `Published version ${version} and switched it on: the trigger now starts runs.`
    : `Published version ${version}: it now runs each time the trigger fires.`;
}
