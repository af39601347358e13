/**
 * One dialog for create and rotate: the form, then "Copy your API key", then (rotation only) the
 * switch-over step. The secret lives only in this component's state and is dropped at Done.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { CreatedKey, KeyRow, NewKeyInput } from '../../../../shared/ipc/contract';
import { AppModal } from '../../components/app-modal';
import { toAppError } from '../../lib/ipc';
import { describeError, fieldErrors, reportError } from '../../lib/report-error';
import { CopyKeyScreen } from './copy-key-screen';
import { useCreateKey } from './hooks';
import { KeyForm } from './key-form';
import { SwitchOverStep } from './switch-over-step';

export type KeyFlow = { mode: 'create' } | { mode: 'rotate'; from: KeyRow };

type Step = { name: 'form' } | { name: 'copy'; created: CreatedKey } | { name: 'switch' };

interface Props {
  flow: KeyFlow;
  offline: boolean;
  onClose: () => void;
}

export function KeyFlowDialog({ flow, offline, onClose }: Props) {
  const client = useQueryClient();
  const create = useCreateKey();
  const [step, setStep] = useState<Step>({ name: 'form' });
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const rotating = flow.mode === 'rotate' ? flow.from : null;

  const submit = (input: NewKeyInput) => {
    setServerErrors({});
    create.mutate(rotating ? { ...input, oldKeyId: rotating.id } : input, {
      onSuccess: (created) => {
        create.reset();
        setStep({ name: 'copy', created });
      },
      onError: (raw) => {
        const error = toAppError(raw);
        if (error.code === 'VALIDATION') {
          const fields = fieldErrors(error);
          setServerErrors(Object.keys(fields).length > 0 ? fields : { form: describeError(error).message });
        } else {
          reportError(error, client);
        }
      },
    });
  };

  const copyStep = step.name === 'copy';
  const title =
    step.name === 'copy'
      ? 'Copy your API key'
      : step.name === 'switch'
        ? 'Switch your integration over, then revoke the old key'
        : rotating
          ? `Rotate “${rotating.name}”`
          : 'Create API key';

  return (
    <AppModal onClose={onClose} title={title} size="lg" dismissable={!copyStep} data-step={step.name}>
      {step.name === 'form' && (
        <KeyForm
          initial={
            rotating
              ? { name: rotating.name, capabilities: [...rotating.capabilities], canImpersonate: rotating.canImpersonate }
              : { name: '', capabilities: [], canImpersonate: false }
          }
          submitting={create.isPending}
          serverErrors={serverErrors}
          offline={offline}
          onSubmit={submit}
          onCancel={onClose}
        />
      )}
      {step.name === 'copy' && (
        <CopyKeyScreen
          key={step.created.key.id}
          created={step.created}
          onDone={() => (rotating ? setStep({ name: 'switch' }) : onClose())}
        />
      )}
      {step.name === 'switch' && rotating && <SwitchOverStep oldKey={rotating} offline={offline} onClose={onClose} />}
    </AppModal>
  );
}
