import { defaultSessionMessage, defineAdapter } from '../contract.js'

/**
 * A procurement site (政府采购网站 style): the holder's certificate is bound
 * to an account on the site. The first login leads to 主体注册 (the
 * account name) and binds the certificate used; 证书解绑 frees it, and the
 * site hears both (events `bind` / `unbind`).
 */
export default defineAdapter({
  label: '采购网站适配器（证书绑定）',
  description:
    '首次扫码登录后进行主体注册并绑定证书，支持证书解绑；绑定、解绑与扫码结果回调到平台。',
  capabilities: ['qrLogin', 'qrSign', 'qrEncrypt', 'qrDecrypt', 'bind', 'unbind'],
  firstLogin: 'register',
  config: [
    { key: 'site_url', label: '网站地址', required: false, pattern: '^https?://' },
    { key: 'api_key', label: '网站接口密钥', secret: true, required: false },
  ],
  hooks: {
    onFinished: (session) => defaultSessionMessage('finished', session),
    onScanned: (session) => defaultSessionMessage('scanned', session),
    onBound: (account) => ({
      event: 'bind',
      body: {
        event: 'bind',
        openId: account.openId,
        accountName: account.accountName,
        certSn: account.certificateSerial,
      },
    }),
    onUnbound: (account) => ({
      event: 'unbind',
      body: {
        event: 'unbind',
        openId: account.openId,
        accountName: account.accountName,
        certSn: account.certificateSerial,
      },
    }),
  },
})
