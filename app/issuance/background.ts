import { BaseCheck, Result } from '@adonisjs/core/health'
import type { HealthCheckResult } from '@adonisjs/core/types/health'
import { defineSchedule } from '#core/queue/jobs'
import { registerHealthCheck } from '#core/health'

/**
 * The CA's recurring work, declared on the job queue's scheduler (the
 * job runner registers it when it starts, #core/queue/runner): look every
 * 10 minutes for a CRL close to its nextUpdate and republish it
 * (app/issuance/jobs/crl_refresh_job.ts), and once when the runner starts.
 */
defineSchedule({
  id: 'issuance.crl_refresh',
  label: '定期刷新 CRL',
  job: () => import('#issuance/jobs/crl_refresh_job'),
  every: '10m',
  runAtStart: true,
})

/**
 * GET /health asks whether this instance can sign: the issuing CA exists,
 * is valid, and its key opens with this instance's CA_PASSPHRASE (the key
 * is decrypted once per process, then kept).
 */
class CaKeysCheck extends BaseCheck {
  name = 'CA 密钥'

  async run(): Promise<HealthCheckResult> {
    const { caRegistry } = await import('#issuance/services/ca_registry')
    try {
      const ca = await caRegistry.issuing()
      if (ca.notAfter.getTime() <= Date.now()) return Result.failed('签发 CA 证书已过期')
      await caRegistry.privateKey(ca)
      return Result.ok('签发 CA 密钥可用')
    } catch (error) {
      const message =
        (error as { code?: string }).code === 'ca_missing' ? 'CA 尚未初始化' : 'CA 密钥无法打开'
      return Result.failed(message)
    }
  }
}

registerHealthCheck('ca', new CaKeysCheck())
