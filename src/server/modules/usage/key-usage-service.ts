/** `GET /api/admin/api-keys/{id}/usage`: when a key last exercised each capability it holds. */
import { AppError } from '../../../shared/errors.js';
import type { KeyUsage } from '../../../shared/http/key-usage.js';
import type { Clock } from '../../lib/clock.js';
import type { ApiKeysRepository } from '../api-keys/api-keys-repository.js';
import { toApiKeyDto } from '../api-keys/api-key-dto.js';
import type { PersonPrincipal } from '../auth/principal.js';
import { IMPERSONATION, type KeyUsageRepository } from './key-usage-repository.js';

export interface KeyUsageService {
  usageOf(caller: PersonPrincipal, id: string): Promise<KeyUsage>;
}

export function createKeyUsageService(deps: {
  keys: Pick<ApiKeysRepository, 'findInOrganization'>;
  usage: Pick<KeyUsageRepository, 'ofKey'>;
  clock: Clock;
}): KeyUsageService {
  const { keys, usage, clock } = deps;
  return {
    async usageOf(caller, id) {
      // Any status: a revoked or expired key's usage stays readable (what did the leaked key do?).
      const row = await keys.findInOrganization(caller.organization.id, id);
      if (!row) throw new AppError('NOT_FOUND', 'No such API key');
      const used = await usage.ofKey(row.id);
      // The key's capabilities as the list shows them (parsed and filtered the same way), in its order.
      const { capabilities } = toApiKeyDto(row, new Date(clock.now()).toISOString());
      return {
        capabilities: capabilities.map((capability) => ({ capability, lastUsedAt: used.get(capability) ?? null })),
        impersonation: { lastUsedAt: used.get(IMPERSONATION) ?? null },
      };
    },
  };
}
