/**
 * A key row's status in the product's words (the rule that picks the status is ../key-row-status.ts):
 * the label of the table's and drawer's status badge and of the inventory export's Status column, and
 * the sentence that explains it (the badge's title and hidden text). Honest about what is queued: a
 * queued revoke or suspend still works until the app reconnects; a queued create does not work yet; once an
 * action was sent and its answer lost (`mayBeApplied`), the wording errs on the safe side.
 */
import type { RowStatus } from '../key-row-status.js';

export const ROW_STATUS_LABEL: Record<RowStatus, string> = {
  active: 'Active',
  'not-active-yet': 'Not active yet',
  'not-confirmed-yet': 'Not confirmed yet',
  'revocation-pending': 'Revocation pending',
  'create-failed': "Couldn't create",
  'revoke-failed': "Couldn't revoke",
  revoked: 'Revoked',
  expired: 'Expired',
  'retirement-pending': 'Retirement pending',
  'retirement-failed': "Couldn't schedule retirement",
  'cancellation-pending': 'Cancellation pending',
  'cancellation-failed': "Couldn't cancel retirement",
  suspended: 'Suspended',
  'suspension-pending': 'Suspension pending',
  'suspend-failed': "Couldn't suspend",
  'resume-pending': 'Resume pending',
  'resume-failed': "Couldn't resume",
  'allowed-addresses-pending': 'Allowed addresses pending',
  'allowed-addresses-failed': "Couldn't change allowed addresses",
};

export const ROW_STATUS_EXPLANATION: Record<RowStatus, string> = {
  active: 'This key works now.',
  'not-active-yet': 'Not active yet: this key starts working once RakerOne Admin reconnects.',
  'not-confirmed-yet': 'Not confirmed yet: RakerOne may already have this key, so it may work now. RakerOne Admin confirms once it reconnects.',
  // Also said of a suspended key whose revoke is queued: it stays switched off, so not "still works".
  'revocation-pending': 'Revocation pending: the key stays as it is now until RakerOne Admin reconnects and the revocation reaches the server.',
  'create-failed': 'The server refused to create this key. It does not work.',
  'revoke-failed': 'The server refused to revoke this key. It still works.',
  revoked: 'This key no longer works.',
  expired: 'This key has expired and no longer works.',
  'retirement-pending': "Retirement pending: RakerOne gets this key's retirement once RakerOne Admin reconnects. Until then the key does not retire.",
  'retirement-failed': "The server refused to schedule this key's retirement. It keeps working.",
  'cancellation-pending': 'Cancellation pending: until RakerOne Admin reconnects, this key still retires as planned.',
  'cancellation-failed': "The server refused to cancel this key's retirement. It still retires as planned.",
  suspended: 'This key is switched off: RakerOne refuses it until an admin resumes it.',
  'suspension-pending': 'Suspension pending: the key keeps working until RakerOne Admin reconnects.',
  'suspend-failed': 'The server refused to suspend this key. It still works.',
  'resume-pending': 'Resume pending: the key stays refused until RakerOne Admin reconnects.',
  'resume-failed': 'The server refused to resume this key. It is still suspended.',
  'allowed-addresses-pending':
    'Allowed addresses pending: RakerOne gets the new list once RakerOne Admin reconnects. Until then the key works from the addresses it allowed before.',
  'allowed-addresses-failed': "The server refused to change this key's allowed addresses. It still works from the addresses it allowed before.",
};

/** The explanation once the queued action was sent and its answer lost (`pending.mayBeApplied`). */
export const MAY_BE_APPLIED_EXPLANATION: Partial<Record<RowStatus, string>> = {
  'revocation-pending': 'Revocation pending: RakerOne may already have revoked this key, but count on it staying as it is now until RakerOne Admin reconnects.',
  'retirement-pending': "Retirement pending: RakerOne may already have this key's retirement. RakerOne Admin confirms once it reconnects.",
  'suspension-pending': 'Suspension pending: RakerOne may already have suspended this key, but count on it working until RakerOne Admin reconnects.',
  'resume-pending': 'Resume pending: RakerOne may already have resumed this key. RakerOne Admin confirms once it reconnects.',
  'allowed-addresses-pending': "Allowed addresses pending: RakerOne may already have the key's new list. RakerOne Admin confirms once it reconnects.",
};
