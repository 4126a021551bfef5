import { test } from '@japa/runner'
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import app from '@adonisjs/core/services/app'
import { subjectTypeLabeller } from '#admin/queries/audit_logs'

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? tsFiles(path) : name.endsWith('.ts') ? [path] : []
  })
}

/**
 * The audit viewer's 对象类型 column and filter read in Chinese: every
 * subject type a module writes (`subjectType: '…'` in an audit.record
 * call, `subject: '…'` of a lifecycle or review) has a label, or staff would read "phone_change_request".
 */
test.group('Audit viewer · subject types', () => {
  test('every subject type written to the audit log has a Chinese label', async ({ assert }) => {
    const subjectTypeLabel = await subjectTypeLabeller()
    const types = new Set<string>()
    for (const file of tsFiles(app.makePath('app'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(
        /(?:subjectType|subject): '([a-z_]+)'(?! as const)/g
      ))
        types.add(match[1])
    }
    assert.isAbove(types.size, 10)
    const unlabelled = [...types].filter((type) => !/[\u4e00-\u9fa5]/.test(subjectTypeLabel(type)))
    assert.deepEqual(unlabelled, [])
  })
})
