// Unsaved-changes guard: asks before in-app navigation and before closing or reloading the tab.
import { useEffect, useRef } from 'react';
import { addLeaveGuard } from '../app/router.js';

export function useLeaveGuard(dirty: boolean): void {
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  useEffect(
    () =>
      addLeaveGuard(() => !dirtyRef.current || window.confirm('This flow has unsaved changes. Leave without saving?')),
    [],
  );
  useEffect(() => {
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirtyRef.current) return;
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, []);
}
