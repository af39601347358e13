/** Where an element really is on screen: inside the viewport and not cut off by any scrolling or clipping ancestor. */
import type { Locator } from '@playwright/test';

/**
 * The part of the element's box that a person can see, as a fraction (1 = wholly visible): its box
 * intersected with the viewport and with every ancestor that clips (overflow other than visible) up to
 * the top layer (an open popover is drawn above everything, clipped by nothing but the viewport).
 */
export async function visibleFraction(locator: Locator): Promise<number> {
  return locator.evaluate((element) => {
    const box = element.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) return 0;
    let left = Math.max(box.left, 0);
    let top = Math.max(box.top, 0);
    let right = Math.min(box.right, window.innerWidth);
    let bottom = Math.min(box.bottom, window.innerHeight);
    // An open popover sits in the top layer: no ancestor clips it.
    const inTopLayer = (node: Element) => node.matches(':popover-open, dialog:modal');
    for (let parent = inTopLayer(element) ? null : element.parentElement; parent && !inTopLayer(parent); parent = parent.parentElement) {
      const style = getComputedStyle(parent);
      if (style.overflowX === 'visible' && style.overflowY === 'visible') continue;
      const clip = parent.getBoundingClientRect();
      left = Math.max(left, clip.left);
      top = Math.max(top, clip.top);
      right = Math.min(right, clip.right);
      bottom = Math.min(bottom, clip.bottom);
    }
    const area = Math.max(0, right - left) * Math.max(0, bottom - top);
    return area / (box.width * box.height);
  });
}

/** True when the element's own text is cut (an ellipsis or overflow hides part of it). */
export async function textIsCut(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element.scrollWidth > element.clientWidth + 1);
}
