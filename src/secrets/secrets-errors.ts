// Errors of the secrets layer. None of them ever carries a secret or a key, only what to do.

export class SecretsError extends Error {
  override readonly name: string = 'SecretsError';
}

/** TWILIO_SOURCE_SECRET_KEY or the key file does not hold 32 bytes. */
export class InvalidSecretKeyError extends SecretsError {
  override readonly name = 'InvalidSecretKeyError';
}

/** Sealed with another key than the one in use. */
export class SecretKeyMismatchError extends SecretsError {
  override readonly name = 'SecretKeyMismatchError';
}

/** The ciphertext, IV, tag or the source it belongs to was altered: authentication failed. */
export class SecretTamperedError extends SecretsError {
  override readonly name = 'SecretTamperedError';
}
