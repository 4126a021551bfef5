import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'
import { isAbsolute } from 'node:path'

/**
 * Where private files are kept: STORAGE_PATH (absolute, or relative to the
 * app root); tmp/storage by default, tmp/test-storage in tests. Put it on a
 * disk that is backed up (`node ace backup:create` copies it).
 */
const storageSetting = env.get('STORAGE_PATH', app.inTest ? 'tmp/test-storage' : 'tmp/storage')

/** the private disk's folder (backups and the file-mode check read it) */
export const storageRoot = isAbsolute(storageSetting)
  ? storageSetting
  : app.makePath(storageSetting)

/**
 * One private disk. Files are never served from a public path: each
 * module streams a file after its own authorisation check.
 */
const driveConfig = defineConfig({
  /**
   * The disk `drive.use()` returns when none is named: the private disk.
   */
  default: 'private',

  /**
   * The disks. Only the local file system: application materials, ID
   * photos and vouchers are personal information (PIPL) and stay on the
   * office's own machine.
   */
  services: {
    /**
     * Materials, ID photos, remittance vouchers, exports and downloads.
     */
    private: services.fs({
      /** the folder on disk (STORAGE_PATH, see storageRoot above) */
      location: storageRoot,

      /**
       * No public route serves the folder: files reach a browser only
       * through a controller that checked who is asking (sendPrivateFile).
       */
      serveFiles: false,

      /**
       * Files are private: no public URL can be made for them.
       */
      visibility: 'private',
    }),
  },
})

export default driveConfig

/**
 * Inferring types for the configured disks.
 */
declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
