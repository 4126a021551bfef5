import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, services } from '@adonisjs/drive'
import { isAbsolute } from 'node:path'

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
  default: 'private',
  services: {
    private: services.fs({
      location: storageRoot,
      serveFiles: false,
      visibility: 'private',
    }),
  },
})

export default driveConfig

declare module '@adonisjs/drive/types' {
  export interface DriveDisks extends InferDriveDisks<typeof driveConfig> {}
}
