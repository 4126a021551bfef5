import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * One process of `npm run bench:faults` (tests/bench/faults_bench.ts runs
 * it against a throw-away PostgreSQL database), in phases:
 *
 *   --phase seed     N paid cloud orders waiting for review (tagged --tag)
 *   --phase approve  审核通过 for every tagged order waiting for review, all
 *                    at once (approveOrder: the approval, its job, and the
 *                    issuance in one transaction under the order's lock),
 *                    while a probe times a trivial query every 20 ms
 *   --phase drain    run the queued issuance jobs (each finds its order
 *                    issued and does nothing)
 *
 * and prints the phase's figures as one JSON line. Refuses to run unless
 * CERTDESK_BENCH=1, so that it never touches a real office's database.
 */
export default class OrdersBenchFaults extends BaseCommand {
  static commandName = 'orders:bench-faults'
  static description = '并发审核签发压测（仅供 npm run bench:faults 在临时数据库中使用）'
  static options: CommandOptions = { startApp: true }

  @flags.string({ description: 'seed、approve 或 drain', default: 'approve' })
  declare phase: string

  @flags.number({ description: '订单数量（seed）', default: 50 })
  declare count: number

  @flags.string({ description: '压测订单标记', default: 'bench-faults' })
  declare tag: string

  async run() {
    if (process.env.CERTDESK_BENCH !== '1') {
      this.logger.error('orders:bench-faults 只能由 npm run bench:faults 在临时数据库中运行')
      this.exitCode = 1
      return
    }
    // links in messages are built by route name, as in a request
    const router = await this.app.container.make('router')
    router.commit()
    if (this.phase === 'approve') await this.#tracePool()
    const figures =
      this.phase === 'seed'
        ? await this.#seed()
        : this.phase === 'drain'
          ? await this.#drain()
          : await this.#approve()
    console.log(JSON.stringify(figures))
  }

  /**
   * The pool watched while the approvals run: a connection asked for by
   * code already inside a transaction (holding one, waiting for another:
   * issue 9 #2) is counted and its stack printed to stderr; on a pool
   * timeout the holders are printed.
   */
  #secondConnections = 0

  async #tracePool() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const client = db.connection().getWriteClient().client as any
    const holders = new Map<unknown, string>()
    const { AsyncLocalStorage } = await import('node:async_hooks')
    const inTransaction = new AsyncLocalStorage<boolean>()
    const transaction = db.transaction.bind(db) as any
    ;(db as any).transaction = (callback: any, options?: any) =>
      typeof callback === 'function'
        ? transaction((trx: any) => inTransaction.run(true, () => callback(trx)), options)
        : transaction(callback, options)
    const acquire = client.acquireConnection.bind(client)
    const release = client.releaseConnection.bind(client)
    client.acquireConnection = async () => {
      const stack = new Error('held by').stack ?? ''
      if (inTransaction.getStore()) {
        this.#secondConnections++
        console.error(`SECOND CONNECTION INSIDE A TRANSACTION\n${stack}`)
      }
      try {
        const connection = await acquire()
        holders.set(connection, stack)
        return connection
      } catch (error) {
        console.error(`POOL TIMEOUT; ${holders.size} holders:`)
        for (const held of holders.values()) console.error(held.split('\n').slice(2, 14).join('\n'))
        throw error
      }
    }
    client.releaseConnection = (connection: unknown) => {
      holders.delete(connection)
      return release(connection)
    }
  }

  async #seed() {
    const { DateTime } = await import('luxon')
    const { nextId, uuid } = await import('#core/ids')
    const { residentIdCheckChar } = await import('#core/validation/identity')
    const { default: Order } = await import('#orders/models/order')
    const ids: string[] = []
    for (let i = 0; i < this.count; i++) {
      const first17 = `110105199003${String(10 + (i % 18)).padStart(2, '0')}${String(100 + i).padStart(3, '0')}`
      const now = DateTime.utc()
      const order = await Order.create({
        orderNo: nextId(),
        userId: uuid(),
        serviceType: 'new',
        status: 'pending_review',
        paymentState: 'paid',
        wizardStep: 'done' as any,
        platformId: uuid(),
        platformName: this.tag,
        productId: uuid(),
        productSnapshot: { name: '个人移动证书（压测）' } as any,
        certKind: 'personal',
        medium: 'cloud',
        years: 1,
        listPriceFen: 24000,
        amountFen: 24000,
        reviewMode: 'after_payment',
        subjectType: 'person',
        subjectName: `压测${i + 1}`,
        subjectIdType: 'resident_id',
        subjectIdNumber: first17 + residentIdCheckChar(first17),
        handlerName: `压测${i + 1}`,
        handlerPhone: `139${String(10_000_000 + i).padStart(8, '0')}`,
        deliveryMethod: 'online_install',
        submittedAt: now,
        paidAt: now,
        paymentMethod: 'sandbox',
      })
      ids.push(order.id)
    }
    return { seeded: ids.length }
  }

  async #approve() {
    const { default: db } = await import('@adonisjs/lucid/services/db')
    const { default: Order } = await import('#orders/models/order')
    const { approveOrder } = await import('#orders/actions/review')
    const orders = await Order.query()
      .where('platform_name', this.tag)
      .where('status', 'pending_review')
    const reviewer = { id: '00000000-0000-4000-8000-000000000001', displayName: '压测审核员' }

    /* a trivial query every 20 ms while the approvals run: what a page view waits for */
    let probing = true
    const probe = { queries: 0, maxMs: 0, totalMs: 0 }
    const probeLoop = (async () => {
      while (probing) {
        const t = performance.now()
        await db.rawQuery('select 1')
        const ms = performance.now() - t
        probe.queries++
        probe.totalMs += ms
        probe.maxMs = Math.max(probe.maxMs, ms)
        await new Promise((resolve) => setTimeout(resolve, 20))
      }
    })()

    this.#secondConnections = 0
    const outcomes = { issued: 0, approvedNotIssued: 0, refused: 0, poolTimeouts: 0, errors: 0 }
    const messages = new Set<string>()
    const started = performance.now()
    const latencies: number[] = []
    await Promise.all(
      orders.map(async (order) => {
        const t = performance.now()
        try {
          const result = await approveOrder(order, reviewer)
          if (result.issued) outcomes.issued++
          else outcomes.approvedNotIssued++
          if ('error' in result && result.error) messages.add(String(result.error))
        } catch (error) {
          const text = error instanceof Error ? error.message : String(error)
          if (/Timeout acquiring a connection/i.test(text)) outcomes.poolTimeouts++
          else if (text.includes('只有待审核的订单可以审核通过')) outcomes.refused++
          else {
            outcomes.errors++
            messages.add(text)
          }
        }
        latencies.push(performance.now() - t)
      })
    )
    const seconds = (performance.now() - started) / 1000
    probing = false
    await probeLoop
    latencies.sort((a, b) => a - b)
    return {
      attempts: orders.length,
      ...outcomes,
      secondConnections: this.#secondConnections,
      messages: [...messages].slice(0, 5),
      seconds: Number(seconds.toFixed(2)),
      p50Ms: Math.round(latencies[Math.floor(latencies.length / 2)] ?? 0),
      maxMs: Math.round(latencies.at(-1) ?? 0),
      probe: {
        queries: probe.queries,
        avgMs: Number((probe.totalMs / Math.max(1, probe.queries)).toFixed(1)),
        maxMs: Math.round(probe.maxMs),
      },
    }
  }

  async #drain() {
    const { runQueuedJobs } = await import('#core/queue/jobs')
    const { QueueManager } = await import('@adonisjs/queue')
    await QueueManager.loadJobs()
    return { ran: await runQueuedJobs({ max: 10_000 }) }
  }
}
