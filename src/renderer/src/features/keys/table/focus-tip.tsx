/**
 * One tip for the whole table: on keyboard focus, a cell's element that carries `data-tip` shows its
 * full text under it (the exact time of "5 min ago"; a key's name, only when the ellipsis cut it).
 * One native popover in the top layer, so no cell clips it and a row costs nothing for it; the same
 * text is each element's title (hover) and accessible name or description, so the tip is aria-hidden.
 */
import { useCallback, useLayoutEffect, useRef, useState, type ReactNode } from 'react';

interface Tip {
  text: string;
  left: number;
  /** Just under the element, and just above it (where it goes when there is no room under). */
  top: number;
  above: number;
}

export function useFocusTip(): { show: (target: HTMLElement) => void; hide: () => void; element: ReactNode } {
  const [tip, setTip] = useState<Tip | null>(null);
  const ref = useRef<HTMLDivElement>(null);
  const show = useCallback((target: HTMLElement) => {
    const text = target.dataset.tip;
    const cut = target.scrollWidth > target.clientWidth;
    // Mouse focus has the title already; a name that fits needs no tip.
    if (!text || !target.matches(':focus-visible') || (target.dataset.tipWhenCut !== undefined && !cut)) return setTip(null);
    const rect = target.getBoundingClientRect();
    setTip({ text, left: rect.left, top: rect.bottom + 2, above: rect.top - 2 });
  }, []);
  const hide = useCallback(() => setTip(null), []);

  useLayoutEffect(() => {
    const popover = ref.current;
    if (!popover?.showPopover) return;
    if (tip && !popover.matches(':popover-open')) popover.showPopover();
    if (!tip && popover.matches(':popover-open')) popover.hidePopover();
    if (!tip) return;
    // Keep it inside the window: flip above the element, or slide left, when it would run off.
    const box = popover.getBoundingClientRect();
    const left = Math.max(4, Math.min(tip.left, window.innerWidth - box.width - 4));
    const top = tip.top + box.height > window.innerHeight ? tip.above - box.height : tip.top;
    popover.style.left = `${left}px`;
    popover.style.top = `${Math.max(4, top)}px`;
  }, [tip]);

  const element = (
    <div ref={ref} popover="manual" aria-hidden className="rk-focus-tip">
      {tip?.text}
    </div>
  );
  return { show, hide, element };
}
