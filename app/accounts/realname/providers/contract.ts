/**
 * The provider adapters of real-name verification. Each automatic method
 * has a contract here, a sandbox driver (deterministic, offline, labelled
 * 沙箱) and a real HTTP driver (signed JSON, #core/signed_json):
 *   身份证核验   RealNameProvider   (name + resident ID number)
 *   银行卡四要素 BankCardProvider   (+ card number, reserved phone)
 *   运营商三要素 OperatorProvider   (+ phone)
 *   人脸识别     FaceProvider       (an H5 page on the phone, result by callback)
 */
export interface RealNameCheck {
  name: string
  idNumber: string
}

/**
 * match: the elements belong together; mismatch: they do not;
 * not_found: no such number on record.
 */
export type RealNameVerdict =
  { result: 'match' } | { result: 'mismatch' | 'not_found'; message: string }

/** what every driver says about itself (the page shows the sandbox's rules) */
export interface ProviderInfo {
  readonly name: string
  readonly sandbox: boolean
  /** the sandbox's deterministic rules, shown next to the 沙箱 label */
  readonly rules?: string
}

export interface RealNameProvider extends ProviderInfo {
  check(input: RealNameCheck): Promise<RealNameVerdict>
}

/** 银行卡四要素: the card's holder, ID number and reserved phone */
export interface BankCardCheck extends RealNameCheck {
  cardNumber: string
  phone: string
}

export interface BankCardProvider extends ProviderInfo {
  check(input: BankCardCheck): Promise<RealNameVerdict>
}

/** 运营商三要素: the phone's registered holder */
export interface OperatorCheck extends RealNameCheck {
  phone: string
}

export interface OperatorProvider extends ProviderInfo {
  check(input: OperatorCheck): Promise<RealNameVerdict>
}

/** 人脸识别: what we ask the provider to start */
export interface FaceStart extends RealNameCheck {
  /** our request id, sent back in the callback (outId) */
  requestId: string
  /** where the provider posts the result (absolute) */
  notifyUrl: string
  /** where the phone goes after the H5 page (absolute) */
  returnUrl: string
}

/** the provider's session: its id and the page the phone opens */
export interface FaceSession {
  providerRef: string
  h5Url: string
}

/** a verified callback */
export interface FaceResult {
  requestId: string
  providerRef: string
  passed: boolean
  message: string
}

export interface RawCallback {
  /** lower-case header names */
  headers: Record<string, string | undefined>
  /** the exact bytes received */
  body: string
}

export interface FaceProvider extends ProviderInfo {
  start(input: FaceStart): Promise<FaceSession>
  /** verify a callback's signature and read it; throws CallbackRejected */
  parseCallback(callback: RawCallback): FaceResult
}

/** the provider could not be asked (not configured, unreachable, an error answer) */
export class RealNameProviderError extends Error {}

/** a callback that is not the provider's (bad signature, stale, malformed) */
export class CallbackRejected extends Error {
  constructor(public readonly reason: string) {
    super(reason)
  }
}
