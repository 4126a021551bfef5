import { configApp } from '@adonisjs/eslint-config'

/**
 * The framework's lint rules (TypeScript, unicorn, prettier formatting).
 * Generated files and what npm or the tests leave behind are not ours.
 *
 * In tests, `(await client.get(url)).assertStatus(404)` and
 * `(await db.from(t).first()).status` state what is checked in one line;
 * the rule against member access on an await stays on for app code.
 */
export default configApp(
  {
    ignores: ['.adonisjs/**', 'tmp/**', 'build/**', 'coverage/**', 'node_modules/**'],
  },
  {
    files: ['tests/**/*.ts'],
    rules: { '@unicorn/no-await-expression-member': 'off' },
  }
)
