/**
 * Which component draws each Admin page (the pages themselves, their links and hashes: lib/route.ts).
 * Typed over every page, so a page added to PAGES does not compile until it is drawn here.
 */
import type { ReactNode } from 'react';
import { AuditPage } from './features/audit/audit-page';
import { IdentifyPage } from './features/identify/identify-page';
import { KeysPage } from './features/keys/keys-page';
import { KeyPolicyPage } from './features/policy/key-policy-page';
import { RolesPage } from './features/roles/roles-page';
import type { Page } from './lib/route';

export const PAGE_VIEWS: Record<Page, (props: { offline: boolean }) => ReactNode> = {
  keys: ({ offline }) => <KeysPage offline={offline} />,
  identify: ({ offline }) => <IdentifyPage offline={offline} />,
  roles: () => <RolesPage />,
  policy: ({ offline }) => <KeyPolicyPage offline={offline} />,
  audit: ({ offline }) => <AuditPage offline={offline} />,
};
