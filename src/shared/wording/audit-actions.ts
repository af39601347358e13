/**
 * The audit trail's closed list of actions in the product's words. `ACTION_LABEL` names the kind of
 * event (the Audit log's rows, its Action filter, the event drawer's title); `ACTION_TEXT` says what
 * someone did, as a sentence the target's name follows (the key's details drawer, the event drawer).
 * Records over the shared type, so an action added to the list without words here fails to compile.
 */
import type { AuditAction } from '../http/index.js';

/** In this order in the Action filter: key events first (what incident response needs). */
export const ACTION_LABEL: Record<AuditAction, string> = {
  'api_key.created': 'Key created',
  'api_key.revoked': 'Key revoked',
  'api_key.bulk_revoked': 'Keys revoked in bulk',
  'api_key.revocation_scheduled': 'Key revocation scheduled',
  'api_key.revocation_cancelled': 'Scheduled revocation cancelled',
  'api_key.suspended': 'Key suspended',
  'api_key.bulk_suspended': 'Keys suspended in bulk',
  'api_key.resumed': 'Key resumed',
  'api_key.allowed_addresses_changed': 'Allowed addresses changed',
  'key_policy.updated': 'Key policy changed',
  'admin_token.issued': 'Admin access token issued',
  'admin_token.revoked': 'Admin access tokens revoked',
  'playbook_run.started': 'Playbook run started',
  'record.created': 'Record created',
  'record.deleted': 'Record deleted',
};

export const ACTION_TEXT: Record<AuditAction, string> = {
  'admin_token.issued': 'Issued an admin access token',
  'admin_token.revoked': 'Revoked admin access tokens',
  'api_key.allowed_addresses_changed': "Changed the key's allowed addresses",
  'api_key.bulk_revoked': 'Revoked keys in bulk',
  'api_key.bulk_suspended': 'Suspended keys in bulk',
  'api_key.created': 'Created the key',
  'api_key.revocation_cancelled': "Cancelled the key's scheduled revocation",
  'api_key.revocation_scheduled': "Scheduled the key's revocation",
  'api_key.resumed': 'Resumed the key',
  'api_key.revoked': 'Revoked the key',
  'api_key.suspended': 'Suspended the key',
  'key_policy.updated': 'Changed the key policy',
  'playbook_run.started': 'Started a playbook run',
  'record.created': 'Created a record',
  'record.deleted': 'Deleted a record',
};
