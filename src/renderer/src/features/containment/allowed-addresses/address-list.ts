/**
 * The allowed-addresses text box as pure functions: one address or CIDR block per line, each checked as
 * it is typed with the rules main and the server apply (shared/cidr.ts), a message per line that is not
 * a block, at most 50 distinct blocks; and what the key's activity says about a list — the blocks its
 * sources would need, and the recent sources a list would refuse.
 */
import type { ActivitySource } from '@shared/http/activity';
import { ALLOWED_ADDRESSES_MAX, addressAllowed, parseCidr } from '@shared/cidr';

export interface LineIssue {
  /** 1-based, as the person counts the lines they typed. */
  line: number;
  message: string;
}

export interface AddressListCheck {
  /** Canonical, each once, in the order typed (a block typed twice counts once). */
  blocks: string[];
  /** A message for each line that is not an address or block (blank lines are skipped). */
  issues: LineIssue[];
  /** About the list as a whole (too many, or none when one is required); null when it is fine. */
  listError: string | null;
}

export const POLICY_REQUIRES_LIST = "The organization's key policy requires allowed addresses: list at least one address or block.";

/**
 * `emptyError`: what an empty box is — null: "from any address" (the create dialog without a policy
 * asking for a list); otherwise the message said about it (the policy requires a list; in the drawer,
 * clearing the list is its own explicit button, never an emptied box).
 */
export function checkAddressList(text: string, emptyError: string | null): AddressListCheck {
  const blocks: string[] = [];
  const seen = new Set<string>();
  const issues: LineIssue[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    const parsed = parseCidr(raw);
    if (!parsed.ok) {
      issues.push({ line: index + 1, message: parsed.message });
      return;
    }
    if (seen.has(parsed.block)) return;
    seen.add(parsed.block);
    blocks.push(parsed.block);
  });
  let listError: string | null = null;
  if (blocks.length > ALLOWED_ADDRESSES_MAX)
    listError = `At most ${ALLOWED_ADDRESSES_MAX} addresses or blocks: remove ${blocks.length - ALLOWED_ADDRESSES_MAX}, or use wider blocks.`;
  else if (emptyError !== null && blocks.length === 0 && issues.length === 0) listError = emptyError;
  return { blocks, issues, listError };
}

/** Usable as it stands: no line issue and no list error. */
export function listIsValid(check: AddressListCheck): boolean {
  return check.issues.length === 0 && check.listError === null;
}

/** What the box starts with for a list (one block per line; empty for "from any address"). */
export function textOf(blocks: readonly string[] | null): string {
  return blocks === null ? '' : blocks.join('\n');
}

/**
 * "Allow only the addresses it was used from": one single-address block per distinct source address,
 * most recently seen first (as the activity lists them), at most 50 — the oldest beyond that are left
 * out, and `leftOut` says how many.
 */
export function blocksFromSources(sources: readonly ActivitySource[]): { blocks: string[]; leftOut: number } {
  const blocks: string[] = [];
  for (const source of sources) {
    const parsed = parseCidr(source.address);
    if (parsed.ok && !blocks.includes(parsed.block)) blocks.push(parsed.block);
  }
  return { blocks: blocks.slice(0, ALLOWED_ADDRESSES_MAX), leftOut: Math.max(0, blocks.length - ALLOWED_ADDRESSES_MAX) };
}

/**
 * Recent sources the list would refuse, each address once (its latest sighting), most recently seen
 * first. None for "from any address" (null).
 */
export function refusedSources(sources: readonly ActivitySource[], blocks: readonly string[] | null): ActivitySource[] {
  if (blocks === null) return [];
  const refused = new Map<string, ActivitySource>();
  for (const source of sources) {
    if (refused.has(source.address) || addressAllowed(source.address, blocks)) continue;
    refused.set(source.address, source);
  }
  return [...refused.values()];
}
