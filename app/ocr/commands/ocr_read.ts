import { args, BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * node ace ocr:read <image> --kind licence|idcard: the fields read from a
 * photo, as one JSON object on stdout (values as printed, plus
 * `confidence` per field and `flagged`: the fields to check, with the
 * reason). Opens its own pool of one worker.
 */
export default class OcrRead extends BaseCommand {
  static commandName = 'ocr:read'
  static description = '识别营业执照或身份证照片，输出字段（JSON）'
  static options: CommandOptions = { startApp: true }

  @args.string({ description: '图片文件（JPG、PNG）' })
  declare image: string

  @flags.string({ description: 'licence（营业执照）或 idcard（身份证）', default: 'licence' })
  declare kind: string

  async run() {
    const { readDocument, READ_KINDS } = await import('#ocr/queries/read_document')
    const { openOcr, closeOcr } = await import('#ocr/services/engine')
    const { RuleError } = await import('#core/rule_error')
    if (!READ_KINDS.includes(this.kind as any)) {
      this.logger.error(`--kind 只能是 ${READ_KINDS.join(' 或 ')}`)
      this.exitCode = 1
      return
    }
    openOcr({ size: 1 })
    try {
      const reading = await readDocument(this.image, this.kind as 'licence' | 'idcard')
      const { fields, confidence, flagged, kind, side } = reading
      const out = { kind, ...(side ? { side } : {}), ...fields, confidence, flagged }
      process.stdout.write(JSON.stringify(out, null, 2) + '\n')
    } catch (error) {
      if (!(error instanceof RuleError)) throw error
      this.logger.error(error.message)
      this.exitCode = 1
    } finally {
      await closeOcr()
    }
  }
}
