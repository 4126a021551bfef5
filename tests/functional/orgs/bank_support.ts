import nock from 'nock'
import type { Group } from '@japa/runner/core'
import type { ApiClient } from '@japa/api-client'
import type User from '#accounts/models/user'
import { asApplicant } from '#tests/helpers/auth'
import { makeImage } from '#tests/helpers/files'
import { claimForm } from '#tests/functional/orgs/helpers'

/**
 * The real bank's HTTP interface (ORGS_BANK_DRIVER=http) for the
 * micro-deposit specs (bank_http, deposit_crashes): its settings, the env
 * switched to it around each test with only nock's bank reachable, and the
 * 对公打款 claim as a user submits it.
 */
export const BANK = {
  url: 'https://bank.example.cn/api/transfers',
  appId: 'certdesk',
  secret: 's3cret-bank',
}
const ENV = {
  ORGS_BANK_DRIVER: 'http',
  ORGS_BANK_HTTP_URL: BANK.url,
  ORGS_BANK_HTTP_APP_ID: BANK.appId,
  ORGS_BANK_HTTP_SECRET: BANK.secret,
}

/** each test of the group talks to the HTTP bank (nock); `cleanup` runs after it */
export function useHttpBank(group: Group, cleanup: () => void = () => {}) {
  group.each.setup(() => {
    const saved = Object.fromEntries(Object.keys(ENV).map((k) => [k, process.env[k]]))
    Object.assign(process.env, ENV)
    nock.disableNetConnect()
    nock.enableNetConnect(/127\.0\.0\.1|localhost/)
    return () => {
      cleanup()
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k]
        else process.env[k] = v
      }
      nock.cleanAll()
      nock.enableNetConnect()
    }
  })
}

/** the 认领 form with 对公打款 chosen, posted without following the redirect */
export async function submitDeposit(client: ApiClient, user: User, form = claimForm()) {
  const response = await asApplicant(client.post('/orgs/claim'), user)
    .withCsrfToken()
    .redirects(0)
    .fields({
      ...form,
      method: 'deposit',
      bank_name: '中国工商银行示例支行',
      bank_account: '6222 0000 1111 2222',
    })
    .file('licence', await makeImage('png'))
  return { form, response }
}
