import { describe, expect, it } from 'vitest';
import { hasSevenDayRule, storageAdvice } from './storage-advice.ts';

// User-agent strings as the browsers send them (Safari 18 on macOS, Safari on iOS 18, Chrome 131, Firefox 133, Chrome on iOS).
const SAFARI_MAC = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15';
const SAFARI_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1';
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0';
const HEADLESS = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36';
const CHROME_IOS = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/131.0.6778.73 Mobile/15E148 Safari/604.1';

describe('the seven-day rule (WebKit ITP)', () => {
  it('applies to Safari and to every iOS browser, not to Chrome or Firefox elsewhere', () => {
    expect(hasSevenDayRule(SAFARI_MAC)).toBe(true);
    expect(hasSevenDayRule(SAFARI_IOS)).toBe(true);
    expect(hasSevenDayRule(CHROME_IOS)).toBe(true);
    expect(hasSevenDayRule(CHROME)).toBe(false);
    expect(hasSevenDayRule(FIREFOX)).toBe(false);
    expect(hasSevenDayRule(HEADLESS)).toBe(false);
  });
});

describe('storage advice', () => {
  it('reminds to export unless storage is persistent outside Safari', () => {
    expect(storageAdvice(true, CHROME)).toEqual({ mode: 'persistent', remindExport: false, sevenDayRule: false });
    expect(storageAdvice(false, FIREFOX)).toEqual({ mode: 'best-effort', remindExport: true, sevenDayRule: false });
    expect(storageAdvice(undefined, CHROME)).toEqual({ mode: 'unknown', remindExport: true, sevenDayRule: false });
    expect(storageAdvice(true, SAFARI_MAC)).toEqual({ mode: 'persistent', remindExport: true, sevenDayRule: true });
  });
});
