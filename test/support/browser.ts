import { existsSync } from 'node:fs';
import { type Browser, type Page, chromium } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`): the tests never download a browser. */
export const CHROMIUM_PATH = '/usr/bin/chromium';

/** The skip reason of a browser test, or null when Chromium is installed. */
export function chromiumUnavailableReason(): string | null {
  return existsSync(CHROMIUM_PATH)
    ? null
    : `${CHROMIUM_PATH} not installed (Debian package chromium; .ci/run installs it)`;
}

/** Headless Chromium, launched from the Debian binary. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true });
}

/**
 * Every request the page made that went anywhere but `origin`: the console must load nothing
 * from outside the monitor. Collect from the page's creation on.
 */
export function foreignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(`${origin}/`) && !url.startsWith('data:')) foreign.push(url);
  });
  return foreign;
}

/** The element that had the focus after a Tab, and whether its focus was drawn. */
export interface FocusStop {
  /** `tag:name`, the name being the control's `name`, its aria-label, or its text. */
  element: string;
  /** The focus is visible: an outline (or a box shadow) is drawn around it. */
  visible: boolean;
}

/** Evaluated in the page, as a string: the tests are compiled without the DOM's types. */
const FOCUS_STOP = `(() => {
  const element = document.activeElement;
  if (element === null || element === document.body) return null;
  const name =
    element.getAttribute('name') ?? element.getAttribute('aria-label') ?? element.textContent ?? '';
  const style = getComputedStyle(element);
  return {
    element: element.tagName.toLowerCase() + ':' + name.replace(/\\s+/g, ' ').trim().slice(0, 80),
    visible: (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none',
  };
})()`;

/** Presses Tab `presses` times and returns where the focus went each time: a keyboard user's path. */
export async function tabThrough(page: Page, presses: number): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let i = 0; i < presses; i++) {
    await page.keyboard.press('Tab');
    const stop = await page.evaluate<FocusStop | null>(FOCUS_STOP);
    if (stop !== null) stops.push(stop);
  }
  return stops;
}
