import { BaseSeeder } from '@adonisjs/lucid/seeders'
import { ensureDemoIntegration } from '#platforms/actions/demo'

/**
 * The demo office's trading-platform sandbox: an enabled mutual-recognition
 * integration (沙箱) for the first trading platform of the demo catalog,
 * so that 演示交易平台 (/demo-platform) works from the first start.
 * Idempotent: an existing sandbox integration is left alone.
 */
export default class PlatformsSeeder extends BaseSeeder {
  async run() {
    const integration = await ensureDemoIntegration()
    if (integration)
      console.log(`  │ 演示交易平台（沙箱）：${integration.platformName}，/demo-platform`)
  }
}
