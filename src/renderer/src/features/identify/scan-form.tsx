/**
 * Where the text comes from: a paste into the text box, or a file main opens and reads itself. The
 * text box is the only place the renderer holds the text: it is emptied once the scan has a result
 * (the results stand on their own, and the keys are then no longer on screen or in this page's
 * memory), kept when the scan fails so nothing is lost. It is never stored anywhere: no
 * localStorage, no query cache; spellcheck and autocomplete are off so no helper reads it either.
 */
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { IDENTIFY_TEXT_MAX_CHARS, IDENTIFY_TEXT_TOO_LONG } from '@shared/ipc/identify-limits';

interface Props {
  scanning: boolean;
  /** Resolves true when the text box may be emptied: the scan has a result and named its keys. */
  onScanText: (text: string) => Promise<boolean>;
  onOpenFile: () => void;
}

export function ScanForm({ scanning, onScanText, onOpenFile }: Props) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const scanText = async () => {
    if (text.trim() === '') return setError('Paste the text to scan');
    // Checked here too, so a huge paste is refused at once instead of after crossing to main.
    if (text.length > IDENTIFY_TEXT_MAX_CHARS) return setError(IDENTIFY_TEXT_TOO_LONG);
    setError(null);
    if (await onScanText(text)) setText('');
  };

  return (
    <Stack gap="sm">
      <Textarea
        label="Text to scan"
        description="A log, a config file, a chat message: anything that may hold API keys."
        placeholder="Paste the text here"
        value={text}
        onChange={(event) => {
          setText(event.currentTarget.value);
          setError(null);
        }}
        error={error}
        rows={8}
        resize="vertical"
        spellCheck={false}
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
      />
      <Group gap="sm">
        <Button onClick={() => void scanText()} loading={scanning} disabled={scanning}>
          Scan text
        </Button>
        <Button variant="default" onClick={onOpenFile} disabled={scanning}>
          Open a file…
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        The text is read on this computer and emptied from this box once scanned. Only fingerprints (SHA-256) of the keys found are sent to RakerOne to name
        them; the text and the keys never leave RakerOne Admin.
      </Text>
    </Stack>
  );
}
