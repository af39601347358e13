/**
 * One dialog for create and rotate: the form, then "Copy your API key", then (rotation only) the
 * switch-over step. Drawn by the flow's owner at the app root (key-flow.tsx), which holds the step
 * and the new key; the secret lives only in that state and is dropped at Done.
 */
import type { KeyRow, NewKeyInput } from '@shared/ipc/contract';
import { AppModal } from '../../../components/app-modal';
import { CopyKeyScreen } from './copy-key-screen';
import { lifetimeOf } from './expiry-choice';
import { usePolicy } from '../hooks';
import { KeyForm } from './key-form';
import type { Step } from './key-flow-step';
import { SwitchOverStep } from './switch-over-step';

interface Props {
  step: Step;
  offline: boolean;
  submitting: boolean;
  serverErrors: Record<string, string>;
  onSubmit: (input: NewKeyInput, rotating: KeyRow | null) => void;
  onCopyDone: () => void;
  onClose: () => void;
}

function titleOf(step: Step): string {
  switch (step.name) {
    case 'copy':
      return 'Copy your API key';
    case 'switch':
      return 'Switch your integration over, then retire the old key';
    case 'form':
      if (step.flow.mode === 'create') return 'Create API key';
      return step.flow.narrowTo ? `Narrower replacement for “${step.flow.from.name}”` : `Rotate “${step.flow.from.name}”`;
  }
}

export function KeyFlowDialog({ step, offline, submitting, serverErrors, onSubmit, onCopyDone, onClose }: Props) {
  const rotating = step.name === 'form' && step.flow.mode === 'rotate' ? step.flow.from : null;
  const narrowTo = step.name === 'form' && step.flow.mode === 'rotate' ? step.flow.narrowTo : undefined;
  // Asked again each time the dialog opens; if main cannot answer, no policy is known (the server decides).
  const policy = usePolicy();
  return (
    <AppModal onClose={onClose} title={titleOf(step)} size="lg" dismissable={step.name !== 'copy'} data-step={step.name}>
      {step.name === 'form' && (
        <KeyForm
          initial={
            rotating
              ? {
                  name: rotating.name,
                  capabilities: [...(narrowTo?.capabilities ?? rotating.capabilities)],
                  canImpersonate: narrowTo?.canImpersonate ?? rotating.canImpersonate,
                  lifetime: lifetimeOf(rotating),
                  allowedAddresses: rotating.allowedAddresses,
                }
              : { name: '', capabilities: [], canImpersonate: false, lifetime: null, allowedAddresses: null }
          }
          policyView={policy.data}
          submitting={submitting}
          serverErrors={serverErrors}
          offline={offline}
          notice={narrowTo ? 'Only the permissions this key has used are ticked. You can still change them.' : undefined}
          onSubmit={(input) => onSubmit(input, rotating)}
          onCancel={onClose}
        />
      )}
      {step.name === 'copy' && <CopyKeyScreen key={step.created.key.id} created={step.created} onDone={onCopyDone} />}
      {step.name === 'switch' && <SwitchOverStep oldKey={step.oldKey} newKey={step.newKey} offline={offline} onClose={onClose} />}
    </AppModal>
  );
}
