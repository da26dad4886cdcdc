// Flattens a Twilio record for a table: nested objects become `parent_child` fields, arrays stay whole (JSON).
export type FlatRecord = Record<string, unknown>;

export function flatten(record: Readonly<Record<string, unknown>>, prefix = '', into: FlatRecord = {}): FlatRecord {
  for (const key in record) {
    const value = record[key];
    const name = prefix === '' ? key : `${prefix}_${key}`;
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      flatten(value as Record<string, unknown>, name, into);
    } else {
      into[name] = value;
    }
  }
  return into;
}
