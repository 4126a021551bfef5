import { isIP } from 'node:net'
import { IssuanceError } from '#issuance/services/errors'

/**
 * The PKI base URL is written into every certificate (CRL distribution
 * point, OCSP, CA issuers, CPS): it must be an address relying parties
 * can reach for the certificate's whole life. It is checked here when
 * `ca:init` stores it and when `ca:set-pki-url` changes it.
 */

/**
 * localhost, *.localhost, 127.0.0.0/8, 0.0.0.0, ::1, ::, and IPv4-mapped
 * loopback.
 */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname
    .replace(/^\[|\]$/g, '')
    .toLowerCase()
    .replace(/\.$/, '')
  if (host === 'localhost' || host.endsWith('.localhost')) return true
  if (isIP(host) === 4) return host.startsWith('127.') || host === '0.0.0.0'
  if (isIP(host) === 6) {
    if (host === '::1' || host === '::') return true
    const mapped = host.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/)
    if (mapped) return isLoopbackHost(mapped[1])
    // ::ffff:7f00:1 (the same, written in hex)
    if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true
  }
  return false
}

/**
 * Normalise and check a PKI base URL: http(s), no credentials, query or
 * fragment, ASCII only (URIs in certificates are IA5String), no trailing
 * slash; a loopback host is refused in production.
 */
export function checkPkiBaseUrl(input: unknown, options: { production: boolean }): string {
  const invalid = (why: string) =>
    new IssuanceError('pki_url_invalid', `PKI 地址 ${String(input ?? '')} 无效：${why}`)
  if (typeof input !== 'string' || !input.trim()) throw invalid('不能为空')
  let url: URL
  try {
    url = new URL(input.trim())
  } catch {
    throw invalid('应为完整的 http:// 或 https:// 地址，例如 http://pki.example.cn/pki')
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw invalid('只能使用 http:// 或 https:// 地址')
  if (url.username || url.password) throw invalid('不能包含用户名或密码')
  if (url.search || url.hash) throw invalid('不能包含查询参数或 # 片段')
  const text = url.href.replace(/\/+$/, '')
  if (!/^[\x21-\x7e]+$/.test(text)) throw invalid('只能包含 ASCII 字符')
  if (text.length > 200) throw invalid('不能超过 200 个字符')
  if (options.production && isLoopbackHost(url.hostname)) {
    throw invalid(
      '生产环境不能使用 localhost 或回环地址：该地址会写入每一张证书，依赖方无法访问。请设置 PKI_BASE_URL 为对外公开的地址'
    )
  }
  return text
}

export function crlUrlOf(base: string, caId: string) {
  return `${base}/crl/${caId}.crl`
}

export function certUrlOf(base: string, caId: string) {
  return `${base}/ca/${caId}.crt`
}

export function ocspUrlOf(base: string) {
  return `${base}/ocsp`
}
