import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { generateKeyPair, createPublicKey, sign } from 'node:crypto'
import { promisify } from 'node:util'

/**
 * A PKCS#10 request for a fresh RSA-2048 key (what a uKey would send).
 */
async function makeCsr(): Promise<string> {
  const der = await import('#issuance/services/der')
  const { encodeName, toPem, SHA256_WITH_RSA } = await import('#issuance/services/x509')
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 })
  const spki = createPublicKey(privateKey).export({ type: 'spki', format: 'der' }) as Buffer
  const info = der.seq(
    der.integer(0),
    encodeName([{ oid: '2.5.4.3', value: 'bench' }]),
    spki,
    der.explicit(0, Buffer.alloc(0))
  )
  const csr = der.seq(info, SHA256_WITH_RSA, der.bitString(sign('sha256', info, privateKey)))
  return toPem(csr, 'CERTIFICATE REQUEST')
}

/**
 * One leg of `npm run bench:issuance` (app/issuance/bench/issuance_bench.ts
 * runs it against a throw-away SQLite database): issue certificates from a
 * CSR through the real service (CSR check, key-reuse query, build, sign,
 * insert + audit entry in one transaction) and print the figures as JSON.
 * Refuses to run unless CERTDESK_BENCH=1, so that it never fills a real
 * CA's database with test certificates.
 */
export default class IssuanceBench extends BaseCommand {
  static commandName = 'issuance:bench'
  static description = '签发性能测试（仅供 npm run bench:issuance 在临时数据库中使用）'
  static options: CommandOptions = { startApp: true }

  @flags.number({ description: '不同密钥（CSR）的数量', default: 100 })
  declare keys: number

  @flags.number({ description: '签发数量', default: 1000 })
  declare count: number

  @flags.number({ description: '并发数', default: 1 })
  declare concurrency: number

  @flags.string({ description: 'native（node:crypto）或 forge（node-forge）', default: 'native' })
  declare signer: string

  async run() {
    if (process.env.CERTDESK_BENCH !== '1') {
      this.logger.error('issuance:bench 只能由 npm run bench:issuance 在临时数据库中运行')
      this.exitCode = 1
      return
    }
    const { issueFromCsr } = await import('#issuance/actions/issue_certificate')
    const signer = this.signer === 'forge' ? 'forge' : 'native'
    // distinct holders with their own keys, as in real life (a key is
    // certified a few times at most); CSRs made here, signed natively
    const holders = await Promise.all(
      Array.from({ length: Math.max(1, this.keys) }, async (_, i) => ({
        csrPem: await makeCsr(),
        subject: { name: `性能测试${i}`, idNumber: `BENCH${String(i).padStart(6, '0')}` },
      }))
    )
    let n = 0
    const issueOne = () => {
      const holder = holders[n++ % holders.length]
      return issueFromCsr({
        ...holder,
        profile: 'personal',
        validity: { years: 1 },
        reference: 'bench',
        signer,
        actor: { type: 'system', name: 'bench' },
      })
    }

    // warm-up: decrypt the CA key, JIT, first queries
    for (let i = 0; i < Math.min(200, Math.ceil(this.count / 10)); i++) await issueOne()

    const before = await countIssued()
    let next = 0
    let session: any = null
    if (process.env.BENCH_PROFILE) {
      const inspector = await import('node:inspector/promises')
      session = new inspector.Session()
      session.connect()
      await session.post('Profiler.enable')
      await session.post('Profiler.start')
    }
    const cpu0 = process.cpuUsage()
    const t0 = process.hrtime.bigint()
    const worker = async () => {
      while (next < this.count) {
        next++
        await issueOne()
      }
    }
    await Promise.all(Array.from({ length: Math.max(1, this.concurrency) }, worker))
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9
    if (session) {
      const { profile } = await session.post('Profiler.stop')
      const { writeFileSync } = await import('node:fs')
      writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(profile))
    }
    const cpu = process.cpuUsage(cpu0)
    const cpuSeconds = (cpu.user + cpu.system) / 1e6
    const after = await countIssued()
    this.logger.log(
      JSON.stringify({
        signer,
        concurrency: this.concurrency,
        issued: after - before,
        seconds: Number(seconds.toFixed(3)),
        perSecond: Number(((after - before) / seconds).toFixed(1)),
        cpuSeconds: Number(cpuSeconds.toFixed(3)),
        perCpuSecond: Number(((after - before) / cpuSeconds).toFixed(1)),
        msPerCertificate: Number(((seconds * 1000) / (after - before)).toFixed(3)),
      })
    )
  }
}

async function countIssued(): Promise<number> {
  const { default: db } = await import('@adonisjs/lucid/services/db')
  const row = await db.from('issued_certificates').count('* as n').first()
  return Number(row.n)
}
