/**
 * The single owner of the create / rotate flow, mounted at the app root above every branch (error,
 * sign-in, no-access, the two pages). It holds the flow's step and, on the copy screen, the new key:
 * main keeps the secret and blocks closing the window until `copy-screen:done`, so nothing that
 * happens underneath (a page hotkey, a hash change, a failed list refresh, the admin check changing,
 * the session ending) may take "Copy your API key" off screen before Done.
 *
 * While the flow's dialog is open, the page hotkeys do nothing (`useKeyFlow().open`).
 */
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { KeyRow, NewKeyInput } from '@shared/ipc/contract';
import { toAppError } from '../../../lib/ipc';
import { reportError } from '../../../lib/report-error';
import { useCreateKey } from '../hooks';
import { KeyFlowDialog } from './key-flow-dialog';
import type { KeyFlow, Step } from './key-flow-step';
import { keyFormErrors } from './key-form-errors';

interface KeyFlowApi {
  /** Opens the create (or rotate) form, unless the flow is already under way. */
  start: (flow: KeyFlow) => void;
  /** Any step of the flow is on screen: page hotkeys do nothing. */
  open: boolean;
  /** "Copy your API key" is on screen: the screens below stay (even signed out) until Done. */
  copyScreenOpen: boolean;
}

const KeyFlowContext = createContext<KeyFlowApi | null>(null);

export function useKeyFlow(): KeyFlowApi {
  const api = useContext(KeyFlowContext);
  if (!api) throw new Error('useKeyFlow needs <KeyFlowProvider> above it (the app root)');
  return api;
}

interface Props {
  offline: boolean;
  /** False once signed out or the token is rejected: the form and switch-over steps go, the copy screen stays. */
  sessionActive: boolean;
  children: ReactNode;
}

export function KeyFlowProvider({ offline, sessionActive, children }: Props) {
  const client = useQueryClient();
  const create = useCreateKey();
  const { mutateAsync, reset } = create;
  const [step, setStep] = useState<Step | null>(null);
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});

  // Signed out: a form or a switch-over step has nothing left to act on. The copy screen stays.
  if (!sessionActive && step && step.name !== 'copy') setStep(null);

  const start = useCallback((flow: KeyFlow) => {
    setServerErrors({});
    setStep((current) => current ?? { name: 'form', flow });
  }, []);

  const submit = useCallback(
    async (input: NewKeyInput, rotating: KeyRow | null) => {
      setServerErrors({});
      try {
        // Awaited here, at the root, so the new key reaches the copy screen even if the form is gone.
        const created = await mutateAsync(rotating ? { ...input, oldKeyId: rotating.id } : input);
        reset();
        setStep({ name: 'copy', created, rotating });
      } catch (raw) {
        const error = toAppError(raw);
        if (error.code === 'VALIDATION') {
          setServerErrors(keyFormErrors(error));
        } else {
          reportError(error, client);
        }
      }
    },
    [mutateAsync, reset, client],
  );

  const close = useCallback(() => setStep((current) => (current?.name === 'copy' ? current : null)), []);

  // Done on the copy screen: the secret is dropped here; a rotation goes on to the switch-over step.
  const finishCopy = useCallback(() => {
    setStep((current) =>
      current?.name === 'copy' && current.rotating && sessionActive ? { name: 'switch', oldKey: current.rotating, newKey: current.created.key } : null,
    );
  }, [sessionActive]);

  const api = useMemo<KeyFlowApi>(() => ({ start, open: step !== null, copyScreenOpen: step?.name === 'copy' }), [start, step]);

  return (
    <KeyFlowContext.Provider value={api}>
      {children}
      {step && (
        <KeyFlowDialog
          step={step}
          offline={offline}
          submitting={create.isPending}
          serverErrors={serverErrors}
          onSubmit={(input, rotating) => void submit(input, rotating)}
          onCopyDone={finishCopy}
          onClose={close}
        />
      )}
    </KeyFlowContext.Provider>
  );
}
