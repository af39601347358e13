/**
 * The drawer's editor of a key's allowed addresses: the box (checked as it is typed), "Allow only the
 * addresses it was used from" (fills the box from the key's Where from), and — before anything is
 * saved — a warning naming the recent sources the new list would refuse, with the Save button saying
 * how many. Clearing the list is its own button ("Allow from any address"); an emptied box is not a
 * way to open a key to everyone.
 */
import { Alert, Button, Group, List, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import type { ActivitySource } from '@shared/http/activity';
import { When } from '../../../components/when';
import { blocksFromSources, checkAddressList, listIsValid, refusedSources, textOf } from './address-list';
import { AddressesField } from './addresses-field';

/** Refused sources named one by one; beyond that, "and N more". */
const NAMED_MAX = 10;

export const EMPTY_BOX = 'List at least one address or block. To let the key be used from anywhere, choose Allow from any address.';

export interface SourcesState {
  /** Most recently seen first; null when the activity is not known (offline and never fetched, a queued create). */
  sources: readonly ActivitySource[] | null;
  /** Over how many days the sources were seen. */
  days: number;
  loading: boolean;
}

interface Props {
  current: string[] | null;
  activity: SourcesState;
  saving: boolean;
  onSave: (allowedAddresses: string[] | null) => void;
  onCancel: () => void;
}

export function AddressesEditor({ current, activity, saving, onSave, onCancel }: Props) {
  const [text, setText] = useState(() => textOf(current));
  const [touched, setTouched] = useState(false);
  const [filled, setFilled] = useState<{ count: number; leftOut: number } | null>(null);
  const check = checkAddressList(text, EMPTY_BOX);
  const valid = listIsValid(check);
  const sources: readonly ActivitySource[] = activity.sources ?? [];
  const refused = valid ? refusedSources(sources, check.blocks) : [];

  const fill = () => {
    const { blocks, leftOut } = blocksFromSources(sources);
    setText(textOf(blocks));
    setTouched(true);
    setFilled({ count: blocks.length, leftOut });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!valid || saving) return;
    onSave(check.blocks);
  };

  return (
    <form onSubmit={submit} noValidate aria-label="Edit allowed addresses">
      <Stack gap="sm">
        <AddressesField
          label="Allowed addresses"
          description="One IPv4 or IPv6 address or CIDR block per line. Requests from any other address are refused."
          text={text}
          check={check}
          required
          showIssues={touched}
          onChange={(next) => {
            setText(next);
            setTouched(true);
            setFilled(null);
          }}
          onBlur={() => setTouched(true)}
        />
        <div>
          <Button variant="default" size="xs" onClick={fill} disabled={sources.length === 0} loading={activity.loading}>
            Allow only the addresses it was used from
          </Button>
          <Text size="xs" c="dimmed" mt={4} aria-live="polite">
            {sourcesNote(activity, filled)}
          </Text>
        </div>
        {refused.length > 0 && <RefusedWarning refused={refused} />}
        <Group gap="sm">
          <Button type="submit" loading={saving} disabled={!valid}>
            {refused.length > 0 ? `Save and refuse ${refused.length} recent ${refused.length === 1 ? 'source' : 'sources'}` : 'Save allowed addresses'}
          </Button>
          <Button variant="default" onClick={onCancel} disabled={saving}>
            Cancel
          </Button>
          {current !== null && (
            <Button variant="subtle" color="orange" onClick={() => onSave(null)} disabled={saving}>
              Allow from any address
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function sourcesNote(activity: SourcesState, filled: { count: number; leftOut: number } | null): string {
  if (filled) {
    const more = filled.leftOut > 0 ? ` The ${filled.leftOut} seen longest ago were left out: a list holds at most 50.` : '';
    return `Filled with the ${filled.count} ${filled.count === 1 ? 'address' : 'addresses'} this key was used from in the last ${activity.days} days.${more}`;
  }
  if (activity.loading) return 'Loading where this key was used from…';
  if (activity.sources === null) return "Where this key was used from isn't known right now (it needs the server).";
  if (activity.sources.length === 0) return `This key wasn't used in the last ${activity.days} days: there are no addresses to take.`;
  return `${activity.sources.length === 1 ? 'One source' : `${activity.sources.length} sources`} in the last ${activity.days} days.`;
}

function RefusedWarning({ refused }: { refused: ActivitySource[] }) {
  const named = refused.slice(0, NAMED_MAX);
  const title = refused.length === 1 ? 'A recent source would be refused' : `${refused.length} recent sources would be refused`;
  return (
    <Alert color="yellow" title={title}>
      <Text size="sm">This key was used from these addresses recently. With this list, their requests get 403:</Text>
      <List size="sm" spacing={2} mt={4} aria-label="Sources the new list would refuse">
        {named.map((source) => (
          <List.Item key={source.address}>
            <span className="rk-mono">{source.address}</span> — last seen <When iso={source.lastSeenAt} />
            {source.userAgent ? ` (${source.userAgent})` : ''}
          </List.Item>
        ))}
      </List>
      {refused.length > named.length && (
        <Text size="sm" mt={4}>
          and {refused.length - named.length} more
        </Text>
      )}
    </Alert>
  );
}
