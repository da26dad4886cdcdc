// pickJsonFields: the picked members of each object exactly as JSON.parse gives them, whatever the rest holds.
import { describe, expect, it } from 'vitest';
import { pickJsonFields } from './pick-json-fields.js';

const pick = (text: string, fields: readonly string[]) => pickJsonFields({ bytes: Buffer.from(text), count: 0 }, fields);

/** What JSON.parse makes of the array, each object cut down to `fields`. */
function expected(text: string, fields: readonly string[]): Record<string, unknown>[] {
  return (JSON.parse(text) as Record<string, unknown>[]).map((object) =>
    Object.fromEntries(Object.entries(object).filter(([key]) => fields.includes(key))),
  );
}

describe('pickJsonFields', () => {
  const cases = [
    '[]',
    ' [ ] ',
    '[{}]',
    '[{"a":1,"b":{"a":2,"c":[1,{"a":3}]},"c":"x"},{"c":null}]',
    '[{"a":"q\\"uote\\\\","c":"é中👋","d":[]}]',
    '[ {\n "a" : 1 ,\t"b":true } , { "a" : [ 1, "]" ] }\r\n]',
    '[{"a":1,"a":2}]',
    '[{"\\u0061":"escaped key","ab":"longer key","":"empty key"}]',
    '[{"annotation":{"call_score":5},"call_sid":"CA1","sid":"CA1"}]',
    '[{"a":-0.0075,"c":1e400,"b":12345678901234567890}]',
  ];
  for (const text of cases) {
    it(`matches JSON.parse on ${text.replace(/\s+/g, ' ')}`, () => {
      for (const fields of [['a'], ['a', 'c'], ['annotation', 'call_sid'], ['b', ''], []]) {
        expect(pick(text, fields), JSON.stringify(fields)).toEqual(expected(text, fields));
      }
    });
  }

  it('throws a SyntaxError on bytes that are not a JSON array of objects', () => {
    for (const text of ['', '{}', '[1]', '[{"a":1}', '[{"a":1},]', '[{"a"}]', '[{"a":tru}]', '[{a:1}]', '[{"a":1}] x', '[{"a":1} {"a":2}]']) {
      expect(() => pick(text, ['a']), text).toThrow(SyntaxError);
    }
  });
});
