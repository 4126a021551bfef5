import { BaseCommand } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'
import { RuleError } from '#core/rule_error'

/**
 * The base of an operator command (`node ace …`) that runs inside the
 * booted app. Its `perform()` does the work and says no by throwing a
 * RuleError (or a module's subclass of it, such as IssuanceError): the
 * refusal is printed in red and the command exits with code 1, the way
 * the exception handler shows it at a form. Anything else is a bug and
 * propagates with its stack.
 *
 *   export default class CrlPublish extends OfficeCommand {
 *     static commandName = 'crl:publish'
 *     async perform() { … throw new RuleError('CA 尚未初始化') … }
 *   }
 */
export abstract class OfficeCommand extends BaseCommand {
  static options: CommandOptions = { startApp: true }

  abstract perform(): Promise<void>

  async run() {
    try {
      await this.perform()
    } catch (error) {
      if (!(error instanceof RuleError)) throw error
      this.logger.error(error.message)
      this.exitCode = 1
    }
  }

  /** refuse with a message (a RuleError), from anywhere in perform() */
  protected refuse(message: string): never {
    throw new RuleError(message)
  }
}
