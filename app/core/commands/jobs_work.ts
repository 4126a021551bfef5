import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * Runs the job runner (worker set + schedules, #core/queue/runner) until
 * SIGTERM/SIGINT, then finishes the running jobs and exits. `npm start`
 * starts one of these per deployment (bin/start.ts); an office with
 * several instances can run it on one machine only and start the others
 * with JOB_WORKERS=false.
 */
export default class JobsWork extends BaseCommand {
  static commandName = 'jobs:work'
  static description = '运行后台任务（任务队列与定时任务），直到收到 SIGTERM'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  async run() {
    const { startJobRunner } = await import('#core/queue/runner')
    const runner = await startJobRunner()
    this.app.terminating(async () => {
      await runner.stop()
    })
    process.once('SIGINT', () => this.app.terminate())
    this.logger.info('后台任务已启动')
    if (process.send) process.send({ certdesk: 'jobs-ready' })
  }
}
