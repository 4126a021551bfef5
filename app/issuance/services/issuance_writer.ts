import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import audit, { currentRequestContext, type AuditInput } from '#core/audit/audit_service'
import { dbTime } from '#issuance/services/db_time'
import { IssuanceError } from '#issuance/services/errors'
import { insertCertificates, type BuiltCertificate } from '#issuance/services/issuer'

/**
 * Group commit of issued certificates.
 *
 * Signing runs on the thread pool and many issuances can be in flight,
 * but SQLite has one writer and each statement costs a round trip to its
 * thread: one transaction per certificate (insert + audit entry) caps
 * issuance far below what the CPUs can sign. The writer therefore commits
 * whatever is waiting in one transaction: one key-reuse query, one
 * multi-row INSERT, one audit append for all of them (still one audit
 * entry per certificate). A lone request is committed at once, so the
 * latency of a single issuance does not change.
 *
 * If a batch fails (say a serial collided), its jobs are committed one by
 * one so that only the faulty one fails.
 */
export interface WriteJob {
  built: BuiltCertificate[]
  audit: AuditInput
  /** CSR issuance: refuse when the key is certified for another holder */
  keyCheck?: { publicKeySha256: string; idNumber: string }
}

interface Pending {
  job: WriteJob
  resolve: () => void
  reject: (error: unknown) => void
}

const MAX_BATCH = 200

class IssuanceWriter {
  #queue: Pending[] = []
  #running = false

  write(job: WriteJob): Promise<void> {
    // the batch is committed in whichever request started it: take this
    // request's actor, IP and user agent now
    const request = currentRequestContext()
    const entry: AuditInput = {
      ...job.audit,
      actor: job.audit.actor ?? request?.actor ?? { type: 'system' },
      ip: job.audit.ip ?? request?.ip ?? null,
      userAgent: job.audit.userAgent ?? request?.userAgent ?? null,
    }
    return new Promise((resolve, reject) => {
      this.#queue.push({ job: { ...job, audit: entry }, resolve, reject })
      if (!this.#running) void this.#drain()
    })
  }

  async #drain() {
    this.#running = true
    try {
      while (this.#queue.length) {
        await this.#commit(this.#queue.splice(0, MAX_BATCH))
      }
    } finally {
      this.#running = false
    }
  }

  async #commit(batch: Pending[]) {
    const refused = new Map<Pending, unknown>()
    try {
      await db.transaction(async (trx) => {
        await this.#checkKeys(trx, batch, refused)
        const accepted = batch.filter((p) => !refused.has(p))
        if (accepted.length === 0) return
        await insertCertificates(
          trx,
          accepted.flatMap((p) => p.job.built)
        )
        await audit.recordMany(
          accepted.map((p) => p.job.audit),
          trx
        )
      })
    } catch (error) {
      if (batch.length === 1) {
        batch[0].reject(error)
        return
      }
      for (const pending of batch) await this.#commit([pending])
      return
    }
    for (const pending of batch) {
      if (refused.has(pending)) pending.reject(refused.get(pending))
      else pending.resolve()
    }
  }

  /**
   * One query for every key in the batch (and the batch against itself).
   */
  async #checkKeys(
    trx: TransactionClientContract,
    batch: Pending[],
    refused: Map<Pending, unknown>
  ) {
    const checks = batch.filter((p) => p.job.keyCheck)
    if (checks.length === 0) return
    const keys = [...new Set(checks.map((p) => p.job.keyCheck!.publicKeySha256))]
    const holders = new Map<string, Set<string>>()
    for (let i = 0; i < keys.length; i += 200) {
      const rows = await trx
        .from('issued_certificates')
        .whereIn('public_key_sha256', keys.slice(i, i + 200))
        .whereIn('status', ['valid', 'suspended'])
        .where('not_after', '>', dbTime(new Date(), trx))
        .distinct('public_key_sha256', 'subject_id_number')
      for (const r of rows) {
        if (!holders.has(r.public_key_sha256)) holders.set(r.public_key_sha256, new Set())
        holders.get(r.public_key_sha256)!.add(r.subject_id_number)
      }
    }
    for (const pending of checks) {
      const { publicKeySha256, idNumber } = pending.job.keyCheck!
      const known = holders.get(publicKeySha256) ?? new Set<string>()
      if ([...known].some((holder) => holder !== idNumber)) {
        refused.set(
          pending,
          new IssuanceError(
            'key_reused',
            '该密钥已用于其他持有人的有效证书，请在 uKey 中重新生成密钥'
          )
        )
        continue
      }
      known.add(idNumber)
      holders.set(publicKeySha256, known)
    }
  }
}

export const issuanceWriter = new IssuanceWriter()
