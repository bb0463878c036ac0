// One form submission that creates something shown once (an invite link, a token): busy while it runs, the
// server's refusal as a message, or what it created; `reset` when the dialog closes.
import { useState } from 'react';
import { errorMessage } from '../api/client.js';

export interface Submission<T> {
  busy?: boolean;
  error?: string;
  created?: T;
}

export function useSubmission<T>() {
  const [state, setState] = useState<Submission<T>>({});
  async function submit(create: () => Promise<T>): Promise<void> {
    setState({ busy: true });
    try {
      setState({ created: await create() });
    } catch (e) {
      setState({ error: errorMessage(e) });
    }
  }
  return { state, submit, reset: () => setState({}) };
}
