import type { BaseCommand } from '@adonisjs/core/ace'

/**
 * The passphrase of the offline root's key file: ROOT_KEY_PASSPHRASE
 * when set (scripts, tests), else asked for without echo (twice when a
 * new file is made). Not a command: ace skips files whose name starts
 * with "_".
 */
export async function rootKeyPassphrase(command: BaseCommand, confirm: boolean): Promise<string> {
  const fromEnv = process.env.ROOT_KEY_PASSPHRASE
  if (fromEnv) return fromEnv
  const first = await command.prompt.secure('根 CA 密钥文件的保护口令（至少 12 个字符）')
  if (confirm) {
    const again = await command.prompt.secure('再次输入口令')
    if (again !== first) {
      const { IssuanceError } = await import('#issuance/services/errors')
      throw new IssuanceError('root_key_file', '两次输入的口令不一致')
    }
  }
  return first
}
