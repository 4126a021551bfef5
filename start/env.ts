/*
|--------------------------------------------------------------------------
| Environment variables service
|--------------------------------------------------------------------------
|
| Everything has a default that works on one machine with SQLite, except
| APP_KEY: `npm start` writes a fresh .env with a random APP_KEY on the
| first run, and tests read .env.test.
|
*/
import { Env } from '@adonisjs/core/env'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'

/**
 * First run on a fresh clone: write .env from .env.example with a random
 * APP_KEY and CA_PASSPHRASE, NODE_ENV=development and DEMO_DATA=true, so
 * that `npm install && npm start` is all a newcomer types to get the demo
 * office on localhost. A production install writes its own .env from
 * .env.example (NODE_ENV=production, DEMO_DATA=false) or sets the
 * variables in its environment: then no demo data, and the CA refuses a
 * localhost PKI address.
 */
const envFile = new URL('../.env', import.meta.url)
if (!existsSync(envFile) && process.env.NODE_ENV !== 'test' && !process.env.APP_KEY) {
  const example = readFileSync(new URL('../.env.example', import.meta.url), 'utf8')
  const key = randomBytes(32).toString('base64url')
  const caPassphrase = randomBytes(32).toString('base64url')
  // a fresh clone started with `npm start` is a demo install (unless told otherwise): the demo
  // office, and localhost allowed in the certificates' CRL/OCSP addresses
  const demo = process.env.DEMO_DATA ?? 'true'
  const mode = process.env.NODE_ENV ?? 'development'
  const contents = example
    .replace(/^NODE_ENV=.*$/m, `NODE_ENV=${mode}`)
    .replace(/^APP_KEY=.*$/m, `APP_KEY=${key}`)
    .replace(/^# CA_PASSPHRASE=.*$/m, `CA_PASSPHRASE=${caPassphrase}`)
    .replace(/^DEMO_DATA=.*$/m, `DEMO_DATA=${demo}`)
  writeFileSync(envFile, contents, { mode: 0o600 })
  console.log(
    `已生成 .env（NODE_ENV=${mode}，随机 APP_KEY 与 CA_PASSPHRASE` +
      (demo === 'true' ? '；DEMO_DATA=true：首次启动写入演示数据' : '') +
      '）。正式部署请按 .env.example 自行编写 .env。'
  )
}

/**
 * Times are stored in UTC and shown in Asia/Shanghai. SQLite keeps them as
 * text that Lucid reads in the process's zone, so the process runs in UTC
 * whatever the machine exports (TZ=Asia/Shanghai made every SMS code
 * expire at once).
 */
process.env.TZ = 'UTC'

/**
 * Everything the app creates (the SQLite file, private storage, tmp/,
 * backups, uploads in flight) is for its own user only: files 600,
 * folders 700, whatever the machine's umask.
 */
process.umask(0o077)

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number.optional(),
  HOST: Env.schema.string.optional({ format: 'host' }),
  APP_KEY: Env.schema.secret(),
  APP_URL: Env.schema.string.optional({ format: 'url', tld: false }),
  APP_NAME: Env.schema.string.optional(),
  LOG_LEVEL: Env.schema.string.optional(),
  TZ: Env.schema.string.optional(),
  /** Show framework error pages with stack traces (development only) */
  DEBUG_ERRORS: Env.schema.boolean.optional(),
  /** Mark cookies Secure; defaults to true when APP_URL is https */
  COOKIE_SECURE: Env.schema.boolean.optional(),
  /** Reverse proxies (besides loopback) whose X-Forwarded-For is believed, comma-separated IPs */
  TRUSTED_PROXIES: Env.schema.string.optional(),
  /** 0..1023, part of every 19-digit id; unique per instance sharing a database */
  INSTANCE_ID: Env.schema.number.optional(),

  /** database (default: server-side sessions) or memory (tests); "cookie" of older installs means database */
  SESSION_DRIVER: Env.schema.enum.optional(['database', 'memory', 'cookie'] as const),

  /*
  | Database: SQLite by default, PostgreSQL with DB_CONNECTION=pg
  */
  DB_CONNECTION: Env.schema.enum.optional(['sqlite', 'pg'] as const),
  SQLITE_PATH: Env.schema.string.optional(),
  PG_HOST: Env.schema.string.optional(),
  PG_PORT: Env.schema.number.optional(),
  PG_USER: Env.schema.string.optional(),
  PG_PASSWORD: Env.schema.string.optional(),
  PG_DB_NAME: Env.schema.string.optional(),

  LIMITER_STORE: Env.schema.enum.optional(['database', 'memory'] as const),

  /*
  | Job runner: `npm start` runs one worker set per deployment (with the
  | server); false on the instances that should not run one. The number of
  | HTTP worker processes (default: one per CPU core; 1 = no cluster).
  */
  JOB_WORKERS: Env.schema.boolean.optional(),
  /** certificates (issue 11): expiry reminder days, uKey unlock provider */
  CERT_REMINDER_DAYS: Env.schema.string.optional(),
  UKEY_UNLOCK_DRIVER: Env.schema.enum.optional(['sandbox', 'http'] as const),
  UKEY_UNLOCK_SANDBOX_SECRET: Env.schema.string.optional(),
  UKEY_UNLOCK_HTTP_URL: Env.schema.string.optional(),
  UKEY_UNLOCK_HTTP_SECRET: Env.schema.string.optional(),
  /** orgs (issue 10): the bank of 对公账户打款认证 — sandbox (default) or http */
  ORGS_BANK_DRIVER: Env.schema.enum.optional(['sandbox', 'http'] as const),
  ORGS_BANK_HTTP_URL: Env.schema.string.optional(),
  ORGS_BANK_HTTP_APP_ID: Env.schema.string.optional(),
  ORGS_BANK_HTTP_SECRET: Env.schema.string.optional(),
  ORGS_BANK_HTTP_TIMEOUT_MS: Env.schema.number.optional(),
  WEB_CONCURRENCY: Env.schema.number.optional(),
  /** OCR (#ocr): tesseract workers per deployment (default: one per core), jobs before a worker is replaced */
  OCR_WORKERS: Env.schema.number.optional(),
  OCR_RECYCLE_AFTER: Env.schema.number.optional(),
  /** seed the demo office (platforms, products, a demo applicant) on first start */
  DEMO_DATA: Env.schema.boolean.optional(),

  /** Private files (materials, vouchers, exports); never served directly */
  STORAGE_PATH: Env.schema.string.optional(),

  /*
  | SMS gateway: "outbox" stores messages for staff to read (default),
  | "http" posts to a real provider.
  */
  SMS_DRIVER: Env.schema.enum.optional(['outbox', 'http'] as const),
  SMS_HTTP_URL: Env.schema.string.optional(),
  SMS_HTTP_APP_ID: Env.schema.string.optional(),
  SMS_HTTP_SECRET: Env.schema.string.optional(),
  SMS_SIGN_NAME: Env.schema.string.optional(),

  /*
  | Office details shown to users (our own, configurable)
  */
  OFFICE_NAME: Env.schema.string.optional(),
  OFFICE_SHORT_NAME: Env.schema.string.optional(),
  OFFICE_HOTLINE: Env.schema.string.optional(),
  OFFICE_ADDRESS: Env.schema.string.optional(),
  OFFICE_USCC: Env.schema.string.optional(),

  /*
  | E-invoices (config/invoices.ts): the seller's details on every invoice,
  | the provider ("sandbox" numbers and renders invoices itself; "http" is a
  | tax-platform service), and mail ("outbox" kept for staff; "smtp")
  */
  INVOICE_SELLER_TAX_NUMBER: Env.schema.string.optional(),
  INVOICE_SELLER_ADDRESS_PHONE: Env.schema.string.optional(),
  INVOICE_SELLER_BANK_ACCOUNT: Env.schema.string.optional(),
  INVOICE_TAX_RATE_BP: Env.schema.number.optional(),
  INVOICE_SPECIAL_OFFERED: Env.schema.boolean.optional(),
  INVOICE_LINK_DAYS: Env.schema.number.optional(),
  INVOICE_DRIVER: Env.schema.enum.optional(['sandbox', 'http'] as const),
  INVOICE_HTTP_URL: Env.schema.string.optional(),
  INVOICE_HTTP_APP_ID: Env.schema.string.optional(),
  INVOICE_HTTP_SECRET: Env.schema.string.optional(),
  /* 退费 rule after issuance: none | unused (config/refunds.ts) */
  REFUND_AFTER_ISSUANCE: Env.schema.enum.optional(['none', 'unused'] as const),
  REFUND_REVOKE_CERTIFICATE: Env.schema.boolean.optional(),
  MAIL_DRIVER: Env.schema.enum.optional(['outbox', 'smtp'] as const),
  MAIL_FROM: Env.schema.string.optional(),
  SMTP_HOST: Env.schema.string.optional(),
  SMTP_PORT: Env.schema.number.optional(),
  SMTP_USERNAME: Env.schema.string.optional(),
  SMTP_PASSWORD: Env.schema.string.optional(),

  /*
  | Real-name verification: "sandbox" (offline, deterministic) or "http"
  */
  REALNAME_DRIVER: Env.schema.enum.optional(['sandbox', 'http'] as const),
  REALNAME_HTTP_URL: Env.schema.string.optional(),
  REALNAME_HTTP_APP_ID: Env.schema.string.optional(),
  REALNAME_HTTP_SECRET: Env.schema.string.optional(),
  /* 人脸识别, 银行卡四要素, 运营商三要素: each "sandbox" or "http" (config/realname.ts) */
  REALNAME_FACE_DRIVER: Env.schema.enum.optional(['sandbox', 'http'] as const),
  REALNAME_FACE_HTTP_URL: Env.schema.string.optional(),
  REALNAME_FACE_HTTP_APP_ID: Env.schema.string.optional(),
  REALNAME_FACE_HTTP_SECRET: Env.schema.string.optional(),
  REALNAME_BANK_CARD_DRIVER: Env.schema.enum.optional(['sandbox', 'http'] as const),
  REALNAME_BANK_CARD_HTTP_URL: Env.schema.string.optional(),
  REALNAME_BANK_CARD_HTTP_APP_ID: Env.schema.string.optional(),
  REALNAME_BANK_CARD_HTTP_SECRET: Env.schema.string.optional(),
  REALNAME_OPERATOR_DRIVER: Env.schema.enum.optional(['sandbox', 'http'] as const),
  REALNAME_OPERATOR_HTTP_URL: Env.schema.string.optional(),
  REALNAME_OPERATOR_HTTP_APP_ID: Env.schema.string.optional(),
  REALNAME_OPERATOR_HTTP_SECRET: Env.schema.string.optional(),

  /*
  | Certificate Authority
  */
  CA_PASSPHRASE: Env.schema.string.optional(),
  PKI_BASE_URL: Env.schema.string.optional(),
})
