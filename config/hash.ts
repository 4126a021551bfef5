import { defineConfig, drivers } from '@adonisjs/core/hash'

/**
 * Hashing configuration: the login passwords of applicants (users) and
 * staff. Each hash records its own parameters, so changing them affects new
 * passwords only; existing hashes keep verifying. Nothing here is set
 * through env. (Cloud-certificate PINs and the CA key use their own scrypt
 * costs in config/issuance.ts.)
 */
const hashConfig = defineConfig({
  /**
   * The hasher used when none is named.
   */
  default: 'scrypt',

  /**
   * List of available hashers and their configuration.
   */
  list: {
    /**
     * scrypt: memory-hard, so guessing leaked hashes on GPUs is costly;
     * built into Node (no native add-on to install at the office).
     */
    scrypt: drivers.scrypt({
      /**
       * CPU/memory cost N (a power of two): 16384 = 2^14, the framework's
       * default. One hash costs one core tens to a few hundred milliseconds
       * (about 250 ms on the shared 2-core CI machine): affordable per login,
       * expensive per guess. Raising it slows every login and the tests.
       */
      cost: 16384,

      /**
       * Block size r: with N it sets the memory one hash needs
       * (128 × N × r bytes = 16 MiB).
       */
      blockSize: 8,

      /**
       * Parallelization p: independent mixing functions run one after the
       * other (1: a login uses one core).
       */
      parallelization: 1,

      /**
       * Most memory one hash may use, in bytes: 32 MiB (33554432), twice
       * the 16 MiB the parameters above need.
       */
      maxMemory: 33554432,
    }),
  },
})

export default hashConfig

/**
 * Inferring types for the list of hashers you have configured
 * in your application.
 */
declare module '@adonisjs/core/types' {
  export interface HashersList extends InferHashers<typeof hashConfig> {}
}
