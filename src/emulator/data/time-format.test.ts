import { describe, expect, it } from 'vitest';
import { isoSeconds, rfc2822 } from './time-format.js';

describe('time formats', () => {
  it('match Date’s own formatting across days, years and the epoch', () => {
    for (const sec of [0, 59, 3599, 86_399, 86_400, 1_558_719_886, 1_735_689_599, 1_735_689_600, 4_102_444_799]) {
      const date = new Date(sec * 1000);
      expect(rfc2822(sec)).toBe(date.toUTCString().replace('GMT', '+0000'));
      expect(isoSeconds(sec)).toBe(date.toISOString().replace('.000Z', 'Z'));
    }
    expect(rfc2822(1_558_719_886)).toBe('Fri, 24 May 2019 17:44:46 +0000');
  });
});
