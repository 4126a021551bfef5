import { defaultSessionMessage, defineAdapter, type SessionFacts } from '../contract.js'

/**
 * 全国CA互认 style: the QR is a URL whose `c` parameter is the base64 of
 * `QRCodeType=<1 login|2 sign|3 encrypt|4 decrypt|5 seal|6 message>;TId=<11-character
 * platform code + id>;PlatformName=…`; the app server posts callbacks to
 * the platform — scan status (type 01) when the holder opens it, login
 * user info (type 02) after the login — and the platform page polls by TId.
 */
const QR_TYPES = {
  login: '1',
  sign: '2',
  encrypt: '3',
  decrypt: '4',
  seal_sign: '5',
  message_sign: '6',
} as const

export function mutualRecognitionPayload(session: SessionFacts) {
  return `QRCodeType=${QR_TYPES[session.kind]};TId=${session.tid};PlatformCode=${session.platformCode}`
}

export function parsePayload(content: string): Record<string, string> {
  const fields: Record<string, string> = {}
  for (const part of content.split(';')) {
    const at = part.indexOf('=')
    if (at > 0) fields[part.slice(0, at).trim()] = part.slice(at + 1).trim()
  }
  return fields
}

export default defineAdapter({
  label: '全国CA互认通用适配器',
  description:
    '二维码为链接，其编码载荷含二维码类型与交易标识；扫码状态（01）与登录用户信息（02）回调到平台，平台按交易标识轮询。',
  capabilities: [
    'qrLogin',
    'qrSign',
    'qrEncrypt',
    'qrDecrypt',
    'qrSealSign',
    'qrMessageSign',
    'notifyIssued',
  ],
  config: [
    { key: 'org_name', label: '平台运营单位', required: false },
    {
      key: 'callback_token',
      label: '回调令牌（平台提供）',
      secret: true,
      required: false,
      help: '平台提供的令牌，随每次回调一并发送',
    },
  ],
  hooks: {
    qrContent(session) {
      const payload = Buffer.from(mutualRecognitionPayload(session), 'utf8').toString('base64')
      return `${session.baseUrl}/platform-scan/qr?c=${encodeURIComponent(payload)}`
    },
    tidFromQr(content) {
      try {
        const fields = parsePayload(Buffer.from(content, 'base64').toString('utf8'))
        return fields.TId ?? null
      } catch {
        return null
      }
    },
    onScanned(session) {
      return { event: 'scan', body: { TId: session.tid, type: '01', status: '01', msg: '已扫码' } }
    },
    onFinished(session) {
      if (session.kind === 'login' && session.state === 'done') {
        return {
          event: 'login',
          body: { TId: session.tid, type: '02', status: '02', userInfo: session.result },
        }
      }
      return defaultSessionMessage('finished', session)
    },
    onIssued(facts) {
      return {
        event: 'issued',
        body: {
          type: '03',
          certSn: facts.serial,
          name: facts.subjectName,
          idNumber: facts.subjectIdNumber,
          userType: facts.certKind === 'enterprise' ? '02' : '01',
          orderNo: facts.orderNo,
          validEnd: facts.notAfter,
        },
      }
    },
  },
})
