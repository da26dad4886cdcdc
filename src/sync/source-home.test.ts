import { describe, expect, it } from 'vitest';
import { sourceHome } from './source-home.js';

describe('sourceHome', () => {
  it('keeps one folder per schema and warehouse, whatever the password', () => {
    const a = sourceHome('/h', 'postgres://app:old@db:5432/wh', 'twilio');
    expect(sourceHome('/h', 'postgres://app:new@db:5432/wh', 'twilio')).toBe(a);
    expect(sourceHome('/h', 'postgres://app:old@db:5432/other', 'twilio')).not.toBe(a);
    expect(sourceHome('/h', 'postgres://app:old@db:5432/wh', 'twilio_eu')).not.toBe(a);
    expect(a).toMatch(/^\/h\/sources\/twilio-[0-9a-f]{10}$/);
  });
});
