/**
 * The create dialog's "Allowed addresses" section, under its own heading: optional (an empty box means
 * from any address) unless the key policy requires a list; a rotation starts with the old key's list.
 * Controlled by the form, which holds the text and sends the checked blocks.
 */
import { Text, Title } from '@mantine/core';
import type { AddressListCheck } from './address-list';
import { AddressesField } from './addresses-field';

interface Props {
  text: string;
  check: AddressListCheck;
  /** The key policy requires a list. */
  required: boolean;
  /** The box was edited (or a submit was tried): its issues are said. */
  touched: boolean;
  serverError: string | null;
  onChange: (text: string) => void;
  onBlur: () => void;
}

export function CreateAddressesSection({ text, check, required, touched, serverError, onChange, onBlur }: Props) {
  return (
    <section aria-labelledby="create-allowed-addresses">
      <Title order={3} size="h5" id="create-allowed-addresses" mb={4}>
        Allowed addresses
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {required
          ? "The organization's key policy requires a list: the key works only from these addresses."
          : 'Optional. Leave the box empty and the key works from any address.'}
      </Text>
      <AddressesField
        label="Addresses the key may be used from"
        description="One IPv4 or IPv6 address or CIDR block per line, e.g. 203.0.113.7 or 198.51.100.0/24. Requests from anywhere else are refused."
        text={text}
        check={check}
        required={required}
        showIssues={touched}
        serverError={serverError}
        onChange={onChange}
        onBlur={onBlur}
      />
    </section>
  );
}
