/**
 * The first screen of the create (and rotate) dialog: Name, Permissions grouped under the catalog's
 * four group titles with each capability's meaning, Can impersonate users (off by default), and
 * Expires (preselected from the key policy, or the rotated key's lifetime; see expiry-choice.ts), and
 * Allowed addresses (optional unless the key policy requires them; a rotation keeps the old key's list).
 */
import { Accordion, Alert, Anchor, Badge, Button, Checkbox, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { capabilitiesByGroup, sortCapabilities, type CapabilitySlug } from '@shared/capabilities';
import { KeyNameSchema } from '@shared/http/api-keys';
import type { NewKeyInput, PolicyView } from '@shared/ipc/contract';
import { PAGE_HREF } from '../../../lib/route';
import { dateError, defaultExpiry, expiresAtOf, expiryOptions, rotationLifetimeNote, type ExpiryChoice, type OldLifetime } from './expiry-choice';
import { ExpiryField } from './expiry-field';
import { POLICY_REQUIRES_LIST, checkAddressList, listIsValid, textOf } from '../../containment/allowed-addresses/address-list';
import { CreateAddressesSection } from '../../containment/allowed-addresses/create-addresses-section';

// Accordion values become element ids: use plain indexes, not the titles (which contain spaces).
const GROUPS = capabilitiesByGroup().map((entry, index) => ({ ...entry, value: `group-${index}` }));

export interface KeyFormValues {
  name: string;
  capabilities: CapabilitySlug[];
  canImpersonate: boolean;
  /** Rotation: the old key's lifetime (days or 'never'), kept if the policy allows it; null for a new key. */
  lifetime: OldLifetime;
  /** Rotation: the old key's allowed addresses, kept (and editable); null for a new key or any address. */
  allowedAddresses: string[] | null;
}

interface Props {
  initial: KeyFormValues;
  /** The key policy from main; undefined while it has not answered. */
  policyView: PolicyView | undefined;
  submitting: boolean;
  /** Errors from the main process / server, keyed by field (`name`, `capabilities`, `expiresAt`, `form`). */
  serverErrors: Record<string, string>;
  offline: boolean;
  /** A note at the top of the form (a narrower replacement says what was prefilled). */
  notice?: string;
  onSubmit: (input: NewKeyInput) => void;
  onCancel: () => void;
}

export function nameError(name: string): string | null {
  const parsed = KeyNameSchema.safeParse(name);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? 'Name is required');
}

export function KeyForm({ initial, policyView, submitting, serverErrors, offline, notice, onSubmit, onCancel }: Props) {
  const [name, setName] = useState(initial.name);
  const [nameTouched, setNameTouched] = useState(false);
  const [selected, setSelected] = useState<Set<CapabilitySlug>>(() => new Set(initial.capabilities));
  const [canImpersonate, setCanImpersonate] = useState(initial.canImpersonate);
  // Server-side errors stay until the field they belong to is edited.
  const [staleServerErrors, setStaleServerErrors] = useState<Set<string>>(new Set());

  const localNameError = nameError(name);
  const shownNameError = (nameTouched && localNameError) || (!staleServerErrors.has('name') && serverErrors.name) || null;
  const capabilitiesError = !staleServerErrors.has('capabilities') ? serverErrors.capabilities : undefined;
  // "Now" for the defaults and the date bounds; the expiry itself is computed at submit.
  const [openedAt] = useState(() => Date.now());
  const policy = policyView?.policy ?? null;
  // Until the admin picks, the choice follows the policy (which may arrive after the form opens).
  const [pickedChoice, setPickedChoice] = useState<ExpiryChoice | null>(null);
  const [pickedDate, setPickedDate] = useState<string | null>(null);
  const [dateTouched, setDateTouched] = useState(false);
  const preselected = defaultExpiry(policy, initial.lifetime, openedAt);
  const choice = pickedChoice !== null && expiryOptions(policy).some((o) => o.value === pickedChoice) ? pickedChoice : preselected.choice;
  const date = pickedDate ?? preselected.date;
  const localDateError = choice === 'date' ? dateError(date, policy, openedAt) : null;
  // At the top of the step, not only on Expires at its bottom: an integration that stops working on a
  // date it never had before must be seen before the key is made.
  const lifetimeNote = rotationLifetimeNote(policy, initial.lifetime, choice, date, openedAt);
  const expiresAtServerError = !staleServerErrors.has('expiresAt') ? (serverErrors.expiresAt ?? null) : null;
  // Allowed addresses: checked as typed; required when the policy says so (unknown policy: the server decides).
  const [addressText, setAddressText] = useState(() => textOf(initial.allowedAddresses));
  const [addressesTouched, setAddressesTouched] = useState(false);
  const addresses = checkAddressList(addressText, policy?.requireAllowedAddresses === true ? POLICY_REQUIRES_LIST : null);
  const addressesServerError = !staleServerErrors.has('allowedAddresses') ? (serverErrors.allowedAddresses ?? null) : null;
  const valid = localNameError === null && localDateError === null && listIsValid(addresses);
  const expiryEdited = () => setStaleServerErrors((previous) => new Set(previous).add('expiresAt'));

  const toggle = (slug: CapabilitySlug, on: boolean) => {
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(slug);
      else next.delete(slug);
      return next;
    });
    setStaleServerErrors((previous) => new Set(previous).add('capabilities'));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setNameTouched(true);
    setDateTouched(true);
    setAddressesTouched(true);
    // The dialog may have stayed open past midnight: the date is checked again against the real now.
    if (!valid || submitting || (choice === 'date' && dateError(date, policy, Date.now()) !== null)) return;
    setStaleServerErrors(new Set());
    onSubmit({
      name: name.trim(),
      capabilities: sortCapabilities([...selected]),
      canImpersonate,
      expiresAt: expiresAtOf(choice, date, Date.now()),
      allowedAddresses: addresses.blocks.length > 0 ? addresses.blocks : null,
    });
  };

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        {lifetimeNote && <Alert color="yellow">{lifetimeNote}</Alert>}
        {notice && <Alert color="blue">{notice}</Alert>}
        {serverErrors.form && (
          <Alert color="red" role="alert">
            {serverErrors.form}
          </Alert>
        )}
        <TextInput
          label="Name"
          description={'What the key is for, e.g. "Data import service". Its actions are recorded under this name.'}
          required
          value={name}
          maxLength={200}
          onChange={(event) => {
            setName(event.currentTarget.value);
            setStaleServerErrors((previous) => new Set(previous).add('name'));
          }}
          onBlur={() => setNameTouched(true)}
          error={shownNameError}
          data-autofocus
        />

        <div role="group" aria-labelledby="permissions-label" aria-describedby="permissions-help">
          <Text fw={500} size="sm" id="permissions-label">
            Permissions
          </Text>
          <Text size="sm" c="dimmed" id="permissions-help" mb="xs">
            Tick only what this key needs. Each checkbox is one capability, the same ones described in{' '}
            <Anchor href={PAGE_HREF.roles} inherit>
              Roles and permissions
            </Anchor>
            .
          </Text>
          {capabilitiesError && (
            <Text c="red" size="sm" role="alert" mb="xs">
              {capabilitiesError}
            </Text>
          )}
          <Accordion multiple defaultValue={GROUPS.map((g) => g.value)} variant="contained" chevronPosition="left">
            {GROUPS.map(({ group, capabilities, value }) => {
              const count = capabilities.filter((c) => selected.has(c.slug as CapabilitySlug)).length;
              return (
                <Accordion.Item key={value} value={value}>
                  <Accordion.Control>
                    <Group justify="space-between" wrap="nowrap">
                      <span>{group}</span>
                      {count > 0 && (
                        <Badge size="sm" variant="light" tt="none">
                          {count} selected
                        </Badge>
                      )}
                    </Group>
                  </Accordion.Control>
                  <Accordion.Panel>
                    <Stack gap="sm">
                      {capabilities.map((capability) => (
                        <Checkbox
                          key={capability.slug}
                          label={capability.label}
                          description={capability.meaning}
                          checked={selected.has(capability.slug as CapabilitySlug)}
                          onChange={(event) => toggle(capability.slug as CapabilitySlug, event.currentTarget.checked)}
                        />
                      ))}
                    </Stack>
                  </Accordion.Panel>
                </Accordion.Item>
              );
            })}
          </Accordion>
        </div>

        {/* The description sits outside Switch: Mantine wraps it in the <label>, which would make it part of the name. */}
        <div>
          <Switch
            label="Can impersonate users"
            checked={canImpersonate}
            onChange={(event) => setCanImpersonate(event.currentTarget.checked)}
            aria-describedby="impersonate-help"
          />
          <Text size="xs" c="dimmed" id="impersonate-help" mt={4} ml={52}>
            When it's on, the key can act on behalf of a named user, and those actions are recorded under that person instead of the key. Leave it off unless
            you specifically need it.
          </Text>
        </div>
        {canImpersonate && (
          <Alert color="orange" title="This key can act as people">
            Anything it does while acting as someone is recorded under that person, not under the key.
          </Alert>
        )}
        <ExpiryField
          policyView={policyView}
          choice={choice}
          date={date}
          now={openedAt}
          choiceError={expiresAtServerError}
          dateError={dateTouched ? localDateError : null}
          onChoice={(next) => {
            setPickedChoice(next);
            expiryEdited();
          }}
          onDate={(next) => {
            setPickedDate(next);
            expiryEdited();
          }}
          onDateBlur={() => setDateTouched(true)}
        />
        <CreateAddressesSection
          text={addressText}
          check={addresses}
          required={policy?.requireAllowedAddresses === true}
          touched={addressesTouched}
          serverError={addressesServerError}
          onChange={(next) => {
            setAddressText(next);
            setAddressesTouched(true);
            setStaleServerErrors((previous) => new Set(previous).add('allowedAddresses'));
          }}
          onBlur={() => setAddressesTouched(true)}
        />
        {offline && <Alert color="yellow">You're offline. The key is created now but only starts working once RakerOne Admin reconnects.</Alert>}

        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={submitting}>
            Cancel
          </Button>
          <Button type="submit" disabled={!valid} loading={submitting}>
            Create key
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
