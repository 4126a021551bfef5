import { test } from '@japa/runner'
import { readFileSync } from 'node:fs'
import app from '@adonisjs/core/services/app'
import { MODULES, moduleTable } from '#app/modules'
import { sourcesUnder, tableOwners, violations } from '#tests/helpers/boundaries'

/**
 * The README's dependency table is a rule that a machine checks: the
 * modules of app/ import only what the manifest (app/modules.ts) lets
 * them, never another module's services/, models/ or controllers/, and
 * never query another module's tables.
 */
const root = app.makePath()
const owners = () => tableOwners(sourcesUnder(root, 'database/migrations'), MODULES)

test.group('Module boundaries', () => {
  test('every module of app/ keeps to the manifest', ({ assert }) => {
    const found = violations(sourcesUnder(root, 'app'), MODULES, owners()).map(
      (v) => `${v.file} ${v.detail}`
    )
    assert.deepEqual(found, [], 'imports or queries against the module manifest')
  })

  test('every table created by a migration belongs to a module of the manifest', ({ assert }) => {
    const tables = owners()
    assert.isAbove(tables.size, 20)
    const names = new Set(MODULES.map((m) => m.name))
    for (const [table, module] of tables) assert.isTrue(names.has(module), `${table} → ${module}`)
    assert.equal(tables.get('payments'), 'payments')
    assert.equal(tables.get('audit_logs'), 'core')
  })

  test('the check fails on each kind of breach (a test of the test)', ({ assert }) => {
    const file = (path: string, source: string) => ({ file: path, source })
    const found = violations(
      [
        file('app/catalog/actions/x.ts', "import { approveOrder } from '#orders/actions/review'"),
        file('app/orders/actions/y.ts', "import Product from '#catalog/models/product'"),
        file('app/orders/actions/z.ts', "import { issuer } from '#issuance/services/issuer'"),
        file('app/admin/queries/q.ts', "const rows = await db.from('orders').where('id', 1)"),
        file('app/orders/queries/r.ts', "const n = await db.from('audit_logs').count('* as n')"),
        file(
          'app/accounts/queries/s.ts',
          'await db.rawQuery("select * from payments where id = ?", [1])'
        ),
        file('app/orders/actions/t.ts', "import { x } from '../../accounts/models/user.js'"),
        file(
          'app/orders/actions/ok.ts',
          "import { findProductForOrder } from '#catalog/queries/products'"
        ),
        file('app/orders/actions/own.ts', "const o = await db.from('orders').first()"),
      ],
      MODULES,
      owners()
    )
    const summary = found.map((v) => `${v.file} ${v.kind}`)
    assert.sameMembers(summary, [
      'app/catalog/actions/x.ts module',
      'app/orders/actions/y.ts internal',
      'app/orders/actions/z.ts module',
      'app/admin/queries/q.ts table',
      'app/orders/queries/r.ts table',
      'app/accounts/queries/s.ts table',
      'app/orders/actions/t.ts internal',
    ])
  })

  test("the README's module table is the manifest's", ({ assert }) => {
    const readme = readFileSync(app.makePath('README.md'), 'utf8')
    assert.include(readme, moduleTable(), 'README.md: paste moduleTable() from app/modules.ts')
  })

  test('every module has an import alias and a declaration file', async ({ assert }) => {
    const pkg = JSON.parse(readFileSync(app.makePath('package.json'), 'utf8'))
    for (const module of MODULES) {
      assert.property(pkg.imports, `#${module.name}/*`)
      const definition = (await module.load()).default
      assert.equal(definition.name, module.name)
    }
  })
})
