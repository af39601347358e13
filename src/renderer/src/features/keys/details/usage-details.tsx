/**
 * The details drawer's usage parts: each permission's last use, a note on how fresh the usage is, and
 * "Create a narrower replacement" (enabled only when there is something to narrow; otherwise disabled,
 * with the reason next to it).
 */
import { Button, Stack, Text } from '@mantine/core';
import type { CapabilitySlug } from '@shared/capabilities';
import type { KeyUsageView } from '@shared/ipc/key-flags';
import { When } from '../../../components/when';
import type { Narrowing } from './narrower-replacement';

/** "Never used", or when (relative, exact on hover). */
export function PermissionLastUse({ iso }: { iso: string | null }) {
  return <When iso={iso} never="Never used" />;
}

export function UsageNote({ usage }: { usage: KeyUsageView | null }) {
  if (!usage) {
    return (
      <Text size="sm" c="dimmed" mb="xs">
        No usage data yet: each permission's last use shows once RakerOne Admin has fetched it from RakerOne.
      </Text>
    );
  }
  return (
    <Text size="sm" c="dimmed" mb="xs">
      Usage as of <When iso={usage.fetchedAt} />
      {usage.current ? '.' : ': the key has been used since, and its usage is fetched again at the next sync.'}
    </Text>
  );
}

export function NarrowerReplacementButton({
  narrowing,
  onStart,
}: {
  narrowing: Narrowing;
  onStart: (narrowTo: { capabilities: CapabilitySlug[]; canImpersonate: boolean }) => void;
}) {
  return (
    <Stack gap={4}>
      <Button
        variant="default"
        disabled={!narrowing.ok}
        aria-describedby={narrowing.ok ? undefined : 'narrower-reason'}
        onClick={() => narrowing.ok && onStart({ capabilities: narrowing.capabilities, canImpersonate: narrowing.canImpersonate })}
      >
        Create a narrower replacement
      </Button>
      {!narrowing.ok && (
        <Text size="xs" c="dimmed" id="narrower-reason" maw={320}>
          {narrowing.reason}
        </Text>
      )}
    </Stack>
  );
}
