import { defaultSessionMessage, defineAdapter } from '../contract.js'

/**
 * The smallest adapter: scan-to-login only, no configuration of its own.
 * It exists to show (and test) that an adapter is this one folder: no
 * other file names it.
 */
export default defineAdapter({
  label: '最简示例适配器（仅扫码登录）',
  description: '只提供扫码登录，回调为默认格式；新增适配器时可复制此目录。',
  capabilities: ['qrLogin'],
  config: [],
  hooks: {
    onFinished: (session) => defaultSessionMessage('finished', session),
  },
})
