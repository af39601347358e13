/**
 * The audit log behind the fake bridge: deterministic events for component tests, axe and the
 * benchmark, served by `audit:list` with main's own filter and order (src/main/audit), in pages,
 * from the "server" online and as main's cache offline (fetched a day before `now`).
 */
import type { AuditAction, AuditEventDto } from '../../src/shared/http/api-keys';
import { AUDIT_PAGE_SIZE, type AuditPage } from '../../src/shared/ipc/audit';
import type { InvokeParsedInput } from '../../src/shared/ipc/contract';
import { comesAfter, positionOf } from '../../src/main/audit/event-order';
import { matchesFilter } from '../../src/main/audit/local-filter';

const PEOPLE = [
  { id: '00000000-0000-4000-8000-00000000a001', name: 'Ada Admin' },
  { id: '00000000-0000-4000-8000-00000000a002', name: 'Ben Builder' },
  { id: '00000000-0000-4000-8000-00000000a003', name: 'Cleo Security' },
];
const KEY_ACTIONS: AuditAction[] = ['api_key.created', 'api_key.revoked', 'api_key.revocation_scheduled', 'api_key.revocation_cancelled'];
const OTHER_ACTIONS: AuditAction[] = ['record.created', 'record.deleted', 'playbook_run.started', 'key_policy.updated', 'admin_token.issued'];

function eventId(n: number): string {
  return `00000000-0000-4000-9000-${n.toString(16).padStart(12, '0')}`;
}

/** Deterministic events, newest first, one every 7 minutes back from `now`; keys are those given (or made up). */
export function generateAuditEvents(count: number, now: string, keys: { id: string; name: string }[] = []): AuditEventDto[] {
  const base = Date.parse(now);
  const events: AuditEventDto[] = [];
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = 0; i < count; i++) {
    const person = PEOPLE[Math.floor(random() * PEOPLE.length)]!;
    const key = keys.length > 0 ? keys[Math.floor(random() * keys.length)]! : { id: eventId(500_000 + (i % 50)), name: `Integration ${i % 50}` };
    const byKey = random() < 0.4;
    const action = byKey
      ? OTHER_ACTIONS[Math.floor(random() * 3)]!
      : random() < 0.8
        ? KEY_ACTIONS[Math.floor(random() * KEY_ACTIONS.length)]!
        : OTHER_ACTIONS[3 + Math.floor(random() * 2)]!;
    const target = action.startsWith('api_key.')
      ? { type: 'apiKey', id: key.id, name: key.name }
      : action === 'key_policy.updated'
        ? { type: 'keyPolicy', id: 'org-1', name: null }
        : action === 'admin_token.issued'
          ? { type: 'person', id: PEOPLE[1]!.id, name: PEOPLE[1]!.name }
          : { type: 'record', id: eventId(700_000 + i), name: null };
    const details: Record<string, unknown> | null =
      action === 'api_key.created'
        ? { capabilities: ['data-record:read'], canImpersonate: false, secretGeneratedBy: 'client', expiresAt: null }
        : action.startsWith('record.') || action === 'playbook_run.started'
          ? { projectId: 'project-1', projectName: 'Operations' }
          : null;
    events.push({
      id: eventId(count - i),
      occurredAt: new Date(base - i * 7 * 60_000).toISOString(),
      action,
      actor: byKey ? { type: 'apiKey', id: key.id, name: key.name, viaKey: null } : { type: 'person', id: person.id, name: person.name, viaKey: null },
      target,
      details,
    });
  }
  return events;
}

export function listAuditPage(events: AuditEventDto[], input: InvokeParsedInput<'audit:list'>, options: { offline: boolean; now: string }): AuditPage {
  const { filter, cursor } = input;
  const matching = events.filter((event) => matchesFilter(event, filter) && (!cursor || comesAfter(event, cursor)));
  const page = matching.slice(0, AUDIT_PAGE_SIZE);
  const last = page[page.length - 1];
  const fetchedAt = options.offline ? new Date(Date.parse(options.now) - 24 * 60 * 60_000).toISOString() : options.now;
  return {
    events: page,
    nextCursor: matching.length > AUDIT_PAGE_SIZE && last ? { ...positionOf(last), server: options.offline ? null : `server-${last.id}` } : null,
    source: options.offline ? 'cache' : 'server',
    fetchedAt,
    olderNotCachedBefore: null,
  };
}
