/**
 * The contract of a platform adapter. An adapter lives in its own folder
 * `app/platforms/adapters/<name>/adapter.ts` (default export made with
 * `defineAdapter`); the registry finds the folders at boot, nothing else
 * names it. The module does the work common to every platform (signed
 * API, QR sessions, the phone page, PIN, CA operations, webhook delivery
 * with retries, audit); an adapter says which capabilities it offers, what
 * configuration an integrator fills in, and shapes what differs between
 * platforms through its hooks: the QR content, the callbacks' bodies, the
 * first-login flow, the connection test.
 */

export const CAPABILITIES = {
  qrLogin: '扫码登录',
  qrSign: '扫码签名',
  qrSealSign: '扫码签章',
  qrMessageSign: '消息签名',
  qrEncrypt: '获取加密证书',
  qrDecrypt: '扫码解密',
  bind: '证书绑定',
  unbind: '证书解绑',
  notifyIssued: '发证通知',
  products: '产品与材料',
} as const
export type Capability = keyof typeof CAPABILITIES

/** the capability a QR session kind needs */
export const KIND_CAPABILITY = {
  login: 'qrLogin',
  sign: 'qrSign',
  seal_sign: 'qrSealSign',
  message_sign: 'qrMessageSign',
  encrypt: 'qrEncrypt',
  decrypt: 'qrDecrypt',
} as const satisfies Record<string, Capability>

/** a field of the adapter's configuration form */
export interface ConfigField {
  key: string
  label: string
  /** encrypted at rest with the app key, never shown again (left empty = keep) */
  secret?: boolean
  required?: boolean
  help?: string
  /** a regular expression the value must match */
  pattern?: string
}

/** a session as the hooks see it */
export interface SessionFacts {
  id: string
  tid: string
  kind: keyof typeof KIND_CAPABILITY
  state: string
  platformCode: string
  platformName: string
  /** the phone page's URL for this session */
  scanUrl: string
  /** the app's public base URL */
  baseUrl: string
  result: Record<string, unknown> | null
  error: string | null
}

/** one callback to the platform; the module signs and delivers it */
export interface WebhookMessage {
  event: string
  body: Record<string, unknown>
}

export interface AccountFacts {
  openId: string
  accountName: string | null
  certificateSerial: string | null
  platformCode: string
}

export interface AdapterConfig {
  callbackUrl: string | null
  platformCode: string
  values: Record<string, string>
  secrets: Record<string, string>
}

export interface AdapterHooks {
  /** what the QR encodes (default: the phone page's URL) */
  qrContent?(session: SessionFacts): string
  /** a QR content the phone page was opened with → the session's TId (adapters with their own QR format) */
  tidFromQr?(content: string): string | null
  /** the holder opened the QR's page */
  onScanned?(session: SessionFacts): WebhookMessage | null
  /** the session finished (done, refused, aborted) */
  onFinished?(session: SessionFacts): WebhookMessage | null
  /** a certificate was bound / unbound to the holder's account on the platform */
  onBound?(account: AccountFacts): WebhookMessage | null
  onUnbound?(account: AccountFacts): WebhookMessage | null
  /** a certificate for this platform was issued (notifyIssued) */
  onIssued?(facts: IssuedFacts): WebhookMessage | null
  /** the 测试连接 button; default: a signed `ping` to the callback URL */
  testConnection?(config: AdapterConfig): Promise<{ ok: boolean; message: string }>
}

/** a certificate issued for an order of the platform (notifyIssued) */
export interface IssuedFacts {
  serial: string
  subjectName: string
  subjectIdNumber: string | null
  certKind: string
  orderNo: string
  notAfter: string
  platformCode: string
}

export interface PlatformAdapter {
  /** the folder's name */
  name: string
  label: string
  description: string
  capabilities: Capability[]
  config: ConfigField[]
  /** after the first login on the platform: 主体注册 / binding ('register') or nothing */
  firstLogin?: 'register' | null
  hooks: AdapterHooks
}

export function defineAdapter(adapter: Omit<PlatformAdapter, 'name'>) {
  return adapter
}

/** the default callbacks of every adapter: the session as JSON */
export function defaultSessionMessage(event: string, session: SessionFacts): WebhookMessage {
  return {
    event,
    body: {
      event,
      sessionId: session.id,
      tid: session.tid,
      type: session.kind,
      state: session.state,
      ...(session.error ? { error: session.error } : {}),
    },
  }
}
