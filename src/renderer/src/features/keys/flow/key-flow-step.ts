/**
 * The create / rotate flow's shapes, apart from its owner (key-flow.tsx) and its dialog
 * (key-flow-dialog.tsx), which both need them and must not import each other both ways.
 */
import type { CapabilitySlug } from '@shared/capabilities';
import type { CreatedKey, KeyRow } from '@shared/ipc/contract';

/** `narrowTo`: a narrower replacement, prefilled with only the permissions the key has used. */
export type KeyFlow = { mode: 'create' } | { mode: 'rotate'; from: KeyRow; narrowTo?: { capabilities: CapabilitySlug[]; canImpersonate: boolean } };

/** Where the flow is: the form, "Copy your API key", then (rotation only) the switch-over step. */
export type Step =
  { name: 'form'; flow: KeyFlow } | { name: 'copy'; created: CreatedKey; rotating: KeyRow | null } | { name: 'switch'; oldKey: KeyRow; newKey: KeyRow };
