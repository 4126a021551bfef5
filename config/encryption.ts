import env from '#start/env'
import { defineConfig, drivers } from '@adonisjs/core/encryption'

/**
 * Encryption configuration: the framework signs and encrypts cookies (the
 * session id cookie among them) with it. CA keys and cloud-certificate
 * keys are NOT protected by this: they use CA_PASSPHRASE and the holder's
 * PIN (config/issuance.ts).
 */
const encryptionConfig = defineConfig({
  /**
   * The encryptor used when none is named.
   */
  default: 'gcm',

  /**
   * List of available encryptors and their configuration.
   */
  list: {
    /**
     * AES-256-GCM: encryption with authentication, so a tampered cookie is
     * refused rather than decrypted to garbage.
     */
    gcm: drivers.aes256gcm({
      /**
       * The keys: APP_KEY (a secret, at least 32 random characters;
       * `node ace generate:key`). The first key encrypts, all are tried to
       * decrypt, so a rotation would list the new key first and the old one
       * after it. Changing APP_KEY alone signs everyone out and changes the
       * secrets derived from it (payment and face-check sandboxes).
       */
      keys: [env.get('APP_KEY')],

      /**
       * The encryptor's id, written into every value it makes (so that the
       * right encryptor is chosen to decrypt).
       */
      id: 'gcm',
    }),
  },
})

export default encryptionConfig

/**
 * Inferring types for the list of encryptors you have configured
 * in your application.
 */
declare module '@adonisjs/core/types' {
  export interface EncryptorsList extends InferEncryptors<typeof encryptionConfig> {}
}
