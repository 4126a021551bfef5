import {
  postSignedJson,
  signJsonRequest,
  SignedJsonError,
  type SignedJsonConfig,
} from '#core/signed_json'
import {
  RealNameProviderError,
  type BankCardCheck,
  type BankCardProvider,
  type OperatorCheck,
  type OperatorProvider,
  type RealNameCheck,
  type RealNameProvider,
  type RealNameVerdict,
} from './contract.js'

export type HttpRealNameConfig = SignedJsonConfig

/**
 * The real element-check providers (身份证核验, 银行卡四要素, 运营商三要素),
 * signed as described in #core/signed_json. They share one answer:
 *   response: { "code": 0, "result": "match" | "mismatch" | "not_found", "message": "..." }
 * Anything else (not configured, unreachable, code ≠ 0, an unknown result)
 * is a RealNameProviderError, never a verdict.
 */
async function postCheck(
  config: HttpRealNameConfig,
  service: string,
  body: Record<string, string>,
  defaults: { mismatch: string; not_found: string }
): Promise<RealNameVerdict> {
  if (!config.url || !config.appId || !config.secret) {
    throw new RealNameProviderError(`${service}未配置`)
  }
  let payload: any
  try {
    payload = await postSignedJson(config, body)
  } catch (error) {
    if (!(error instanceof SignedJsonError)) throw error
    throw new RealNameProviderError(
      error.kind === 'connection'
        ? `${service}连接失败：${error.message}`
        : `${service}返回错误：${error.message}`
    )
  }
  if (payload.result === 'match') return { result: 'match' }
  if (payload.result === 'mismatch' || payload.result === 'not_found') {
    const message = typeof payload.message === 'string' && payload.message ? payload.message : ''
    return { result: payload.result, message: message || defaults[payload.result as 'mismatch'] }
  }
  throw new RealNameProviderError(`${service}返回了无法识别的结果`)
}

/**
 * One element check at its endpoint: which fields it sends, how the
 * service is named in errors, and its default reasons.
 */
class HttpElementsProvider<I extends RealNameCheck> {
  readonly name = 'http'
  readonly sandbox = false

  constructor(
    private config: HttpRealNameConfig,
    private service: string,
    private body: (input: I) => Record<string, string>,
    private defaults: { mismatch: string; not_found: string }
  ) {}

  check(input: I): Promise<RealNameVerdict> {
    return postCheck(this.config, this.service, this.body(input), this.defaults)
  }
}

/**
 * 身份证核验: body { "name": "...", "idNumber": "..." }
 */
export class HttpRealNameProvider
  extends HttpElementsProvider<RealNameCheck>
  implements RealNameProvider
{
  /** how the provider checks our signature (tests compare it) */
  static signature = signJsonRequest

  constructor(config: HttpRealNameConfig) {
    super(config, '实名核验服务', (i) => ({ name: i.name, idNumber: i.idNumber }), {
      mismatch: '姓名与身份证号不一致',
      not_found: '查无此身份证号',
    })
  }
}

/**
 * 银行卡四要素: body { "name", "idNumber", "cardNumber", "phone" }
 */
export class HttpBankCardProvider
  extends HttpElementsProvider<BankCardCheck>
  implements BankCardProvider
{
  constructor(config: HttpRealNameConfig) {
    super(
      config,
      '银行卡四要素核验服务',
      (i) => ({ name: i.name, idNumber: i.idNumber, cardNumber: i.cardNumber, phone: i.phone }),
      { mismatch: '银行卡信息与身份信息不一致', not_found: '查无此银行卡' }
    )
  }
}

/**
 * 运营商三要素: body { "name", "idNumber", "phone" }
 */
export class HttpOperatorProvider
  extends HttpElementsProvider<OperatorCheck>
  implements OperatorProvider
{
  constructor(config: HttpRealNameConfig) {
    super(
      config,
      '运营商三要素核验服务',
      (i) => ({ name: i.name, idNumber: i.idNumber, phone: i.phone }),
      { mismatch: '手机号与姓名、身份证号不一致', not_found: '查无此手机号' }
    )
  }
}
