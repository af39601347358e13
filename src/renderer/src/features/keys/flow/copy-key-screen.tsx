/**
 * "Copy your API key": the only time the full key exists on screen. The dialog around it cannot be
 * dismissed (no close button, Escape and outside clicks do nothing) and main blocks closing the
 * window until Done; when it does, `close:blocked` arrives and we point the person at Done.
 */
import { Alert, Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ClipboardEvent, type SyntheticEvent } from 'react';
import type { CreatedKey } from '@shared/ipc/contract';
import { call, subscribe } from '../../../lib/ipc';
import { reportError } from '../../../lib/report-error';
import { clockTime } from '../../../lib/time';
import { expirySentence } from './expiry-choice';

/**
 * On Linux (X11, and Wayland with primary selection) whatever is selected goes to the PRIMARY selection,
 * which no concealment format or timed clear reaches: there the key cannot be selected at all.
 */
function selectionLeaks(): boolean {
  return typeof navigator !== 'undefined' && /Linux/i.test(navigator.platform || navigator.userAgent) && !/Android/i.test(navigator.userAgent);
}

/** Collapses any selection in the key field (Linux only, see selectionLeaks). */
function refuseSelection(event: SyntheticEvent<HTMLInputElement>) {
  const input = event.currentTarget;
  if (input.selectionStart !== input.selectionEnd) input.setSelectionRange(input.selectionEnd, input.selectionEnd);
}

interface Props {
  created: CreatedKey;
  onDone: () => void;
}

export function CopyKeyScreen({ created, onDone }: Props) {
  const client = useQueryClient();
  const doneRef = useRef<HTMLButtonElement>(null);
  const [copiedUntil, setCopiedUntil] = useState<string | null>(null);
  const [copying, setCopying] = useState(false);
  const [finishing, setFinishing] = useState(false);
  const [blockedCount, setBlockedCount] = useState(0);
  const [shownAt] = useState(() => Date.now());
  const keyId = created.key.id;

  useEffect(() => {
    call('copy-screen:shown', { id: keyId }).catch((error: unknown) => reportError(error, client));
  }, [keyId, client]);

  useEffect(() => subscribe('close:blocked', () => setBlockedCount((count) => count + 1)), []);

  // Each blocked close re-runs the highlight (remove, reflow, add) and puts focus on Done.
  useEffect(() => {
    const button = doneRef.current;
    if (blockedCount === 0 || !button) return;
    button.classList.remove('rk-attention');
    void button.offsetWidth;
    button.classList.add('rk-attention');
    button.focus();
  }, [blockedCount]);

  const copy = async () => {
    setCopying(true);
    try {
      const result = await call('copy-screen:copy', { id: keyId });
      setCopiedUntil(result.clearsAt);
    } catch (error) {
      reportError(error, client);
    } finally {
      setCopying(false);
    }
  };

  // Ctrl+C, Edit → Copy, the context menu: the browser's own copy would put the key on the clipboard
  // without the concealment formats and without the timed clear. Every copy goes through main instead.
  const copyThroughMain = (event: ClipboardEvent<HTMLInputElement>) => {
    event.preventDefault();
    if (!copying) void copy();
  };

  const done = async () => {
    setFinishing(true);
    try {
      await call('copy-screen:done', { id: keyId });
      onDone();
    } catch (error) {
      // Stay here: main still holds the close guard, and the key must not vanish unannounced.
      reportError(error, client);
      setFinishing(false);
    }
  };

  return (
    <Stack gap="md">
      <Alert color="red" variant="light" title="This is the only time you'll see the full key.">
        RakerOne can't show it to you again. Click Copy and store the key somewhere safe before you close the dialog. If you lose it, you'll have to revoke the
        key and create a new one.
      </Alert>
      <TextInput
        label="API key"
        description={`“${created.key.name}”`}
        value={created.secret}
        readOnly
        spellCheck={false}
        autoComplete="off"
        // Never selected for the person (that alone would fill the PRIMARY selection on Linux).
        onCopy={copyThroughMain}
        onCut={copyThroughMain}
        onSelect={selectionLeaks() ? refuseSelection : undefined}
        classNames={{ input: 'rk-secret' }}
      />
      <Text size="sm">{expirySentence(created.key.expiresAt, shownAt)}</Text>
      {created.queued &&
        (created.key.pending?.mayBeApplied ? (
          // Sent, but the answer was lost: the key may work already. Never tell the admin it is inert.
          <Alert color="yellow" title="Not confirmed yet">
            RakerOne didn't answer in time, so this key may already work. RakerOne Admin confirms it once it reconnects.
          </Alert>
        ) : (
          <Alert color="yellow" title="You're offline">
            This key starts working once RakerOne Admin reconnects and the server accepts it.
          </Alert>
        ))}
      <Text size="sm" c="dimmed" aria-live="polite">
        {copiedUntil
          ? `Copied. RakerOne Admin clears the clipboard at ${clockTime(copiedUntil)}, ${created.clipboardClearSeconds} seconds after copying.`
          : `After you copy, RakerOne Admin clears the clipboard after ${created.clipboardClearSeconds} seconds.`}
      </Text>
      {blockedCount > 0 && (
        <Alert color="orange" role="alert" key={blockedCount}>
          Store the key, then click Done. RakerOne Admin stays open until you do.
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={() => void copy()} loading={copying} data-autofocus>
          {copiedUntil ? 'Copied' : 'Copy'}
        </Button>
        <Button ref={doneRef} onClick={() => void done()} loading={finishing}>
          Done
        </Button>
      </Group>
    </Stack>
  );
}
