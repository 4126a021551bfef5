import { BaseSchema } from '@adonisjs/lucid/schema'
import { QueueSchemaService } from '@adonisjs/queue'

/**
 * The job queue on the app's own database (@adonisjs/queue, database
 * adapter; #core/jobs): queue_jobs and queue_schedules as the package
 * defines them, plus
 *  - job_runs: one row per execution attempt (who ran it, when, how it
 *    ended), shown on the back office's 任务队列 page;
 *  - job_workers: a heartbeat per running worker set, read by GET /health.
 * Times are epoch milliseconds, like the package's own columns.
 */
export default class extends BaseSchema {
  async up() {
    const schema = new QueueSchemaService(this.db.getWriteClient())
    await schema.createJobsTable('queue_jobs')
    await schema.createSchedulesTable('queue_schedules')

    this.schema.createTable('job_runs', (table) => {
      table.increments('id')
      table.string('job_id', 255).notNullable().index()
      table.string('name', 255).notNullable()
      table.string('queue', 255).notNullable()
      table.integer('attempt').notNullable()
      table.string('worker', 255).notNullable()
      table.bigInteger('started_at').notNullable().index()
      table.bigInteger('finished_at').nullable()
      /** completed | retrying | failed (null while running) */
      table.string('outcome', 20).nullable()
      table.text('error').nullable()
    })

    this.schema.createTable('job_workers', (table) => {
      table.string('id', 64).primary()
      table.string('host', 255).notNullable()
      table.integer('pid').notNullable()
      table.bigInteger('started_at').notNullable()
      table.bigInteger('seen_at').notNullable().index()
    })
  }

  async down() {
    this.schema.dropTableIfExists('job_workers')
    this.schema.dropTableIfExists('job_runs')
    const schema = new QueueSchemaService(this.db.getWriteClient())
    await schema.dropSchedulesTable('queue_schedules')
    await schema.dropJobsTable('queue_jobs')
  }
}
