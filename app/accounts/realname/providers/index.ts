import { urlFor } from '@adonisjs/core/services/url_builder'
import env from '#start/env'
import realNameConfig from '#config/realname'
import type {
  BankCardProvider,
  FaceProvider,
  OperatorProvider,
  RealNameProvider,
} from './contract.js'
import { HttpBankCardProvider, HttpOperatorProvider, HttpRealNameProvider } from './http.js'
import { HttpFaceProvider } from './http_face.js'
import {
  SandboxBankCardProvider,
  SandboxOperatorProvider,
  SandboxRealNameProvider,
} from './sandbox.js'
import { SandboxFaceProvider } from './sandbox_face.js'

/**
 * The provider of each automatic method, as configured (config/realname.ts).
 */
export interface RealNameProviders {
  /** 身份证核验 */
  idCard: RealNameProvider
  face: FaceProvider
  bankCard: BankCardProvider
  operator: OperatorProvider
}

export function makeRealNameProviders(config = realNameConfig): RealNameProviders {
  return {
    idCard:
      config.driver === 'http'
        ? new HttpRealNameProvider(config.http)
        : new SandboxRealNameProvider(),
    face:
      config.face.driver === 'http'
        ? new HttpFaceProvider({
            ...config.face.http,
            maxClockSkewSeconds: config.face.maxClockSkewSeconds,
          })
        : new SandboxFaceProvider({
            appKey: env.get('APP_KEY').release(),
            maxClockSkewSeconds: config.face.maxClockSkewSeconds,
            pagePath: (token) => urlFor('accounts.real_name.sandbox_face.show', { token }),
          }),
    bankCard:
      config.bankCard.driver === 'http'
        ? new HttpBankCardProvider(config.bankCard.http)
        : new SandboxBankCardProvider(),
    operator:
      config.operator.driver === 'http'
        ? new HttpOperatorProvider(config.operator.http)
        : new SandboxOperatorProvider(),
  }
}
