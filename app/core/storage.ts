import drive from '@adonisjs/drive/services/main'
import { randomUUID } from 'node:crypto'

/**
 * Private file storage (local disk by default, through @adonisjs/drive).
 * Keys are namespaced by module: "orders/<order>/<uuid>.pdf".
 * Nothing here is reachable by URL; controllers stream files after their
 * own authorisation check.
 */
export const storage = {
  disk() {
    return drive.use()
  },

  makeKey(prefix: string, ext: string) {
    return `${prefix.replace(/\/+$/, '')}/${randomUUID()}.${ext}`
  },

  async put(key: string, contents: Buffer | Uint8Array | string) {
    await drive.use().put(key, typeof contents === 'string' ? contents : Buffer.from(contents))
    return key
  },

  async get(key: string): Promise<Buffer> {
    const bytes = await drive.use().getBytes(key)
    return Buffer.from(bytes)
  },

  async exists(key: string) {
    return drive.use().exists(key)
  },

  async delete(key: string) {
    await drive.use().delete(key)
  },
}

export default storage
