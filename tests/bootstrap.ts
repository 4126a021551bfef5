import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { dbAssertions } from '@adonisjs/lucid/plugins/db'
import nock from 'nock'
import { resetTestState, prepareTestDatabase } from '#tests/helpers/setup'

/**
 * Japa plugins: assertions, the API client with session/shield/auth
 * helpers, database assertions.
 */
export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  dbAssertions(app),
]

/**
 * Fresh schema before the run (dropping whatever a crashed run left), no
 * network except loopback, and the route table ready for `urlFor` in every
 * suite (actions build their links by route name, also when a unit test
 * calls them without the HTTP server; the server's own commit is then a
 * no-op).
 */
export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      ;(await app.container.make('router')).commit()
      nock.disableNetConnect()
      nock.enableNetConnect((host) => host.startsWith('127.0.0.1') || host.startsWith('localhost'))
      await prepareTestDatabase()
    },
  ],
  teardown: [
    async () => {
      nock.cleanAll()
      nock.enableNetConnect()
    },
  ],
}

/**
 * Functional suites get the HTTP server. Every test runs inside a global
 * transaction that is rolled back afterwards, and starts with empty rate
 * limits, so that each test leaves the database as it found it.
 */
export const configureSuite: Config['configureSuite'] = (suite) => {
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    suite.setup(() => testUtils.httpServer().start())
  }
  suite.onTest((test) => {
    test.setup(async () => {
      await resetTestState()
      return testUtils.db().wrapInGlobalTransaction()
    })
  })
  suite.onGroup((group) => {
    group.tap((test) => {
      test.setup(async () => {
        await resetTestState()
        return testUtils.db().wrapInGlobalTransaction()
      })
    })
  })
}
