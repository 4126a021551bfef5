import db from '@adonisjs/lucid/services/db'

/**
 * Small key/value store for instance-wide facts (first seed done, notes
 * printed at start). Not for business data.
 */
export const settings = {
  async get(key: string): Promise<string | null> {
    const row = await db.from('app_settings').where('key', key).first()
    return row ? row.value : null
  },

  async set(key: string, value: string) {
    const existing = await db.from('app_settings').where('key', key).first()
    if (existing) {
      await db.from('app_settings').where('key', key).update({ value, updated_at: new Date() })
    } else {
      await db.table('app_settings').insert({ key, value, updated_at: new Date() })
    }
  },
}

export default settings
