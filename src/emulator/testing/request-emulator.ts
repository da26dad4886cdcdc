// Test helper: GET or POST against a running emulator with Basic auth, returning status, headers and parsed JSON.

export interface EmulatorReply {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown>;
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
}

export async function getJson(baseUrl: string, path: string, credentials?: readonly [string, string]): Promise<EmulatorReply> {
  const headers: Record<string, string> = credentials ? { authorization: basicAuth(credentials[0], credentials[1]) } : {};
  const response = await fetch(baseUrl + path, { headers });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

export async function postJson(baseUrl: string, path: string, body: unknown): Promise<EmulatorReply> {
  const response = await fetch(baseUrl + path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}
