/**
 * The "Used from" incident filter's field: an IP address, checked as it is typed with the same rule the
 * server applies (shared/ip-address.ts). A valid address sets the filter (normalized: what the server
 * compares, and what the chip shows); anything else clears it and says what is expected, so the list
 * never silently stays filtered by an address the field no longer shows.
 */
import { TextInput } from '@mantine/core';
import { useState } from 'react';
import { normalizeIpAddress } from '@shared/ip-address';

export const USED_FROM_HINT = 'Every key used from this address in the last 90 days';
export const USED_FROM_INVALID = 'Enter an IPv4 or IPv6 address, such as 203.0.113.7 or 2001:db8::1';

export function UsedFromField({ value, onChange }: { value: string; onChange: (address: string) => void }) {
  // The text as typed; the filter holds only a valid, normalized address.
  const [text, setText] = useState(value);
  const trimmed = text.trim();
  const invalid = trimmed !== '' && normalizeIpAddress(trimmed) === null;
  return (
    <TextInput
      label="Used from"
      description={USED_FROM_HINT}
      placeholder="203.0.113.7"
      value={text}
      error={invalid ? USED_FROM_INVALID : undefined}
      spellCheck={false}
      autoComplete="off"
      onChange={(event) => {
        const next = event.currentTarget.value;
        setText(next);
        const address = normalizeIpAddress(next.trim());
        if (address !== value && (address !== null || value !== '')) onChange(address ?? '');
      }}
    />
  );
}
