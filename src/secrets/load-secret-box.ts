// The secret box a process uses: its key from the environment or the data directory's key file.
import { SecretBox } from './secret-box.js';
import { loadSecretKey } from './secret-key.js';

export async function loadSecretBox(options: { readonly home: string; readonly env?: NodeJS.ProcessEnv }): Promise<SecretBox> {
  return new SecretBox(await loadSecretKey(options));
}
