/**
 * The key policy form: "Set a maximum lifetime" with its number of days, "Require an expiry date" and
 * "Require allowed addresses".
 * What was typed stays in the form whatever happens on save (offline, refused, a field error), so
 * nothing is lost; an untouched form follows the policy as main reads it; a server's field error sits on its field until that field is edited.
 */
import { Alert, Button, Checkbox, Group, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { AppErrorDto } from '@shared/errors';
import type { KeyPolicy } from '@shared/http/api-keys';
import { describeError, fieldErrors } from '../../lib/report-error';
import { daysError, draftOf, policyOf, sameDraft, type PolicyDraft } from './policy-draft';

interface Props {
  policy: KeyPolicy;
  saving: boolean;
  /** Why the policy can't be changed here (e.g. the server refused: not an Admin); null if it can. */
  readOnlyReason: string | null;
  /** The last save's failure (cleared by the page on the next save). */
  saveError: AppErrorDto | null;
  /** The last save went through and nothing was edited since. */
  saved: boolean;
  onSave: (policy: KeyPolicy) => void;
  onEdit: () => void;
}

export function KeyPolicyForm({ policy, saving, readOnlyReason, saveError, saved, onSave, onEdit }: Props) {
  // Untouched, the form shows the policy as main has it now (another admin may change it); once
  // edited, what was typed stays until it is saved.
  const [edited, setEdited] = useState<PolicyDraft | null>(null);
  if (saved && edited !== null && sameDraft(edited, draftOf(policy))) setEdited(null);
  const draft = edited ?? draftOf(policy);
  const [daysTouched, setDaysTouched] = useState(false);
  const [editedSinceError, setEditedSinceError] = useState<Set<string>>(new Set());
  const serverFields = saveError?.code === 'VALIDATION' ? fieldErrors(saveError) : {};
  const serverError = (field: keyof KeyPolicy) => (editedSinceError.has(field) ? null : (serverFields[field] ?? null));
  const localDaysError = daysError(draft);
  const shownDaysError = (daysTouched && localDaysError) || serverError('maxLifetimeDays');
  const unchanged = sameDraft(draft, draftOf(policy));
  // A VALIDATION whose issues name no field of this form (or none at all) is said above the form.
  const formLevelError =
    saveError && (saveError.code !== 'VALIDATION' || (!serverFields.maxLifetimeDays && !serverFields.requireExpiry && !serverFields.requireAllowedAddresses))
      ? saveError
      : null;

  const edit = (field: keyof KeyPolicy, change: Partial<PolicyDraft>) => {
    setEdited({ ...draft, ...change });
    setEditedSinceError((previous) => new Set(previous).add(field));
    onEdit();
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDaysTouched(true);
    if (readOnlyReason || saving || localDaysError) return;
    setEditedSinceError(new Set());
    onSave(policyOf(draft));
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Key policy">
      <Stack gap="md" maw={560}>
        {readOnlyReason && (
          <Alert color="gray" title="You can't change the key policy" role="note">
            <Text size="sm">{readOnlyReason}</Text>
          </Alert>
        )}
        {formLevelError && !readOnlyReason && <SaveFailure error={formLevelError} />}
        <fieldset disabled={readOnlyReason !== null} className="rk-plain-fieldset">
          <Stack gap="md">
            <Checkbox
              label="Set a maximum lifetime"
              description="New keys must expire within this many days of being created."
              checked={draft.limitLifetime}
              onChange={(event) => edit('maxLifetimeDays', { limitLifetime: event.currentTarget.checked })}
            />
            <TextInput
              label="Maximum lifetime (days)"
              description={
                draft.limitLifetime
                  ? 'A maximum lifetime also means every new key has an expiry date.'
                  : 'No maximum: keys may live as long as their expiry allows.'
              }
              inputMode="numeric"
              w={240}
              disabled={!draft.limitLifetime}
              value={draft.days}
              onChange={(event) => edit('maxLifetimeDays', { days: event.currentTarget.value })}
              onBlur={() => setDaysTouched(true)}
              error={draft.limitLifetime ? shownDaysError : null}
            />
            <Checkbox
              label="Require an expiry date"
              description="Every new key must have an expiry date: Never is not offered when creating a key."
              checked={draft.requireExpiry}
              onChange={(event) => edit('requireExpiry', { requireExpiry: event.currentTarget.checked })}
              error={serverError('requireExpiry')}
            />
            <Checkbox
              label="Require allowed addresses"
              description="Every new key must list the IP addresses or CIDR blocks it may be used from: a key without a list can't be created."
              checked={draft.requireAllowedAddresses}
              onChange={(event) => edit('requireAllowedAddresses', { requireAllowedAddresses: event.currentTarget.checked })}
              error={serverError('requireAllowedAddresses')}
            />
          </Stack>
        </fieldset>
        <Group gap="sm">
          <Button type="submit" loading={saving} disabled={readOnlyReason !== null || unchanged}>
            Save policy
          </Button>
          {saved && unchanged && (
            <Text size="sm" role="status">
              Key policy saved. New keys follow it from now on; existing keys keep their expiry and their allowed addresses.
            </Text>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function SaveFailure({ error }: { error: AppErrorDto }) {
  const offline = error.code === 'NETWORK' || error.code === 'TIMEOUT';
  const title = offline ? "Couldn't save: the key policy needs the server" : describeError(error).title;
  return (
    <Alert color={offline ? 'yellow' : 'red'} title={title} role="alert">
      <Text size="sm">{error.message}</Text>
    </Alert>
  );
}
