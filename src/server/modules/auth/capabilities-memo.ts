/**
 * A key's capabilities never change after creation, so their parse is memoised by the stored text:
 * a cache miss on a credential rebuilds its principal without parsing the same JSON again.
 */
import { type CapabilitySlug, isCapabilitySlug } from '../../../shared/capabilities.js';

export interface ParsedCapabilities {
  list: CapabilitySlug[];
  set: ReadonlySet<CapabilitySlug>;
}

/** Distinct capability sets remembered before the memo starts over. */
const MEMO_LIMIT = 10_000;

export function createCapabilitiesMemo(): (text: string) => ParsedCapabilities {
  const parsedCapabilities = new Map<string, ParsedCapabilities>();
  return (text) => {
    let entry = parsedCapabilities.get(text);
    if (!entry) {
      const parsed: unknown = JSON.parse(text);
      const list = Array.isArray(parsed) ? parsed.filter((s): s is CapabilitySlug => typeof s === 'string' && isCapabilitySlug(s)) : [];
      entry = { list: Object.freeze(list) as CapabilitySlug[], set: new Set(list) };
      if (parsedCapabilities.size > MEMO_LIMIT) parsedCapabilities.clear();
      parsedCapabilities.set(text, entry);
    }
    return entry;
  };
}
