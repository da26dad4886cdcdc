// Seals and opens secrets with AES-256-GCM: a fresh random 96-bit IV per sealing, the key id stored beside the
// ciphertext, and the owner's id (the source) bound in as associated data so sealed values cannot be swapped.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { SecretKey } from './secret-key.js';
import { SecretKeyMismatchError, SecretTamperedError } from './secrets-errors.js';

/** Every part base64; the same shape the control store keeps. */
export interface Sealed {
  readonly keyId: string;
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

export class SecretBox {
  readonly #key: SecretKey;

  constructor(key: SecretKey) {
    this.#key = key;
  }

  get keyId(): string {
    return this.#key.id;
  }

  seal(plaintext: string, owner: string): Sealed {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.#key.bytes, iv);
    cipher.setAAD(Buffer.from(owner, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.#key.id, iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64'), ciphertext: ciphertext.toString('base64') };
  }

  open(sealed: Sealed, owner: string): string {
    if (sealed.keyId !== this.#key.id) {
      throw new SecretKeyMismatchError(
        `The credentials of ${owner} were sealed with key ${sealed.keyId} but the key in use (${this.#key.origin}) is ${this.#key.id}: use the original key, or enter the credentials again`,
      );
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#key.bytes, Buffer.from(sealed.iv, 'base64'), { authTagLength: 16 });
      decipher.setAAD(Buffer.from(owner, 'utf8'));
      decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
      return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
    } catch (error) {
      throw new SecretTamperedError(`The stored credentials of ${owner} are damaged or were altered: enter them again`, { cause: error });
    }
  }
}
