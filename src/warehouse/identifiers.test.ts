// Identifier validation and quoting: Twilio's field names pass, anything that is not a plain identifier is refused.
import { describe, expect, it } from 'vitest';
import { qualifiedName, quoteIdentifier, quoteLiteral, validateIdentifier } from './identifiers.js';
import { InvalidIdentifierError } from './warehouse-errors.js';

describe('identifiers', () => {
  it('accepts and quotes plain names, reserved words included', () => {
    for (const name of ['from', 'to', 'subresource_uris_media', '_twilio_source_loads', 'a1', 'x'.repeat(63)]) {
      expect(quoteIdentifier(name)).toBe(`"${name}"`);
    }
    expect(qualifiedName('twilio', 'messages')).toBe('"twilio"."messages"');
  });

  it('refuses names that are not plain lower-case identifiers, saying what to use', () => {
    for (const name of ['', 'From', '1st', 'a-b', 'a b', 'a"b', "a'b", 'a;drop', 'é', 'x'.repeat(64)]) {
      expect(() => validateIdentifier(name, 'column')).toThrow(InvalidIdentifierError);
    }
    expect(() => qualifiedName('Twilio', 'messages')).toThrow(
      'Invalid schema name "Twilio": use 1-63 lower-case letters, digits or underscores, not starting with a digit',
    );
  });

  it('doubles single quotes in literals', () => {
    expect(quoteLiteral("/tmp/it's/batch.ndjson")).toBe("'/tmp/it''s/batch.ndjson'");
  });
});
