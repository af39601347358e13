/**
 * While "Copy your API key" is on screen, nothing may replace it: if the session ends meanwhile
 * (the token is revoked, the person signs out), the app keeps the page until Done, then shows the
 * sign-in screen. The copy screen reports itself here; the root reads it.
 */
import { createContext, useContext, useEffect } from 'react';

export const CopyGuardContext = createContext<(open: boolean) => void>(() => {});

export function useHoldWhileMounted(): void {
  const setOpen = useContext(CopyGuardContext);
  useEffect(() => {
    setOpen(true);
    return () => setOpen(false);
  }, [setOpen]);
}
