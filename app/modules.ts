import type { ModuleDefinition } from '#core/modules'

/**
 * The module manifest: every module, what it may use, and where its
 * declaration lives. One line per module. It is read by
 *  - the router and the boot sequence (start/routes.ts, start/registrations.ts),
 *  - the back office's menu, dashboard, routes and audit viewer (#admin/back_office),
 *  - the ace command loader (start/module_commands.ts),
 *  - the boundaries test (tests/unit/core/boundaries.spec.ts), which fails on an import
 *    the manifest does not allow, on another module's services/, models/ or
 *    controllers/ imported from outside, and on another module's table queried directly,
 *  - the README's module table (the same test checks that it matches).
 *
 * A module owns the tables its migrations create (`NNNN_<module>_….ts`); `tables`
 * names tables created by migrations that carry another name (kept for history).
 * Nothing here is imported eagerly: `load` is called at boot.
 */
export interface ModuleEntry {
  name: string
  /** its name in Chinese (the audit viewer groups actions by it) */
  label: string
  /** what it is, for the README table */
  owns: string
  /** the modules whose actions and queries it may call */
  uses: string[]
  /** tables created by migrations named after another module */
  tables?: string[]
  load: () => Promise<{ default: ModuleDefinition }>
}

export const MODULES: ModuleEntry[] = [
  {
    name: 'core',
    label: '系统',
    owns: 'ids (19-digit), money (fen), time, audit log, SMS gateway and codes, in-site messages, storage and uploads, rate limits, validation rules; the idioms: lifecycle, review, rule error, private file, staff identity, module declaration',
    uses: [],
    load: () => import('#core/module'),
  },
  {
    name: 'ocr',
    label: '文字识别',
    owns: 'reading business licences and ID cards from photos to prefill forms: the tesseract worker pool, field extraction, check-character repair (see `app/ocr/README.md`)',
    uses: ['core'],
    load: () => import('#ocr/module'),
  },
  {
    name: 'accounts',
    label: '账号',
    owns: 'applicants, real-name verification (`accounts/realname`), login devices, operation log, phone changes, appeals, deregistration, the home page',
    uses: ['core', 'ocr'],
    load: () => import('#accounts/module'),
  },
  {
    name: 'orgs',
    label: '机构',
    owns: 'organisations: search, claim (legal representative’s phone, micro-deposit, CA review), join, roles and 切换身份, members, org admins’ 审核管理, admin transfer, deregistration, pre-validation (see `app/orgs/README.md`)',
    uses: ['core', 'ocr', 'accounts'],
    load: () => import('#orgs/module'),
  },
  {
    name: 'catalog',
    label: '业务目录',
    owns: 'regions, trading platforms, products, materials and templates, pickup points, notices, guides, downloads',
    uses: ['core'],
    load: () => import('#catalog/module'),
  },
  {
    name: 'issuance',
    label: 'CA 签发',
    owns: 'the CA: hierarchy, key custody, issuing, CRL, OCSP, PKCS#12, signing and envelopes (see `app/issuance/README.md`)',
    uses: ['core'],
    load: () => import('#issuance/module'),
  },
  {
    name: 'certificates',
    label: '证书',
    owns: 'certificates as their holders see them (我的证书), downloads, PIN',
    uses: ['core', 'accounts', 'orgs', 'issuance'],
    load: () => import('#certificates/module'),
  },
  {
    name: 'seals',
    label: '印章',
    owns: 'electronic seals and handwritten signatures: template seal images (round, oval, square), seals taken from photos of stamped forms, signature normalisation; seal records bound to certificates (GB/T 38540 data signed by the office), staff review, 更换印章, authorisation to org members, 注销, usage records, 印章套餐 (the quota of seals of an org, granted by a paid seal package order) (see `app/seals/README.md`)',
    uses: ['core', 'accounts', 'orgs', 'issuance', 'certificates'],
    load: () => import('#seals/module'),
  },
  {
    name: 'payments',
    label: '支付',
    owns: 'payment attempts, gateways (sandbox, WeChat Pay, Alipay, bank transfer), notifications, vouchers',
    uses: ['core'],
    tables: ['payments', 'payment_vouchers'],
    load: () => import('#payments/module'),
  },
  {
    name: 'orders',
    label: '订单',
    owns: 'orders and their lifecycle, the application wizard, materials, addresses, review and fulfilment',
    uses: ['core', 'ocr', 'accounts', 'orgs', 'catalog', 'certificates', 'seals', 'payments'],
    load: () => import('#orders/module'),
  },
  {
    name: 'invoices',
    label: '发票',
    owns: 'invoice titles (发票抬头) per person and per org, invoice requests and e-invoices (数电发票) through a provider adapter, signed invoice PDFs, red-letter reversals, the mail outbox page',
    uses: ['core', 'orgs', 'orders', 'payments', 'issuance'],
    load: () => import('#invoices/module'),
  },
  {
    name: 'platforms',
    label: '交易平台集成',
    owns: 'trading-platform adapters (`app/platforms/adapters/<name>/`), QR sessions (login, sign, seal-sign, message signing, encrypt, decrypt), certificate binding, 待办, 套餐 (packages, bought through orders), the integrator API and its webhooks (see `app/platforms/README.md`)',
    uses: ['core', 'accounts', 'orgs', 'catalog', 'issuance', 'certificates', 'seals', 'orders'],
    load: () => import('#platforms/module'),
  },
  {
    name: 'admin',
    label: '后台',
    owns: 'staff and their sign-in, the back-office shell (menu, dashboard, audit viewer, SMS outbox) over every module’s area',
    uses: ['core', 'accounts', 'catalog', 'issuance', 'certificates', 'payments', 'orders'],
    load: () => import('#admin/module'),
  },
]

export function moduleNamed(name: string): ModuleEntry | undefined {
  return MODULES.find((m) => m.name === name)
}

/**
 * Every module's declaration, in manifest order (loaded once).
 */
let loaded: Promise<ModuleDefinition[]> | null = null
export function moduleDefinitions(): Promise<ModuleDefinition[]> {
  loaded ??= Promise.all(MODULES.map((m) => m.load().then((file) => file.default)))
  return loaded
}

/**
 * The README's module table, as the manifest says it.
 */
export function moduleTable(): string {
  const rows = MODULES.map(
    (m) =>
      `| \`${m.name}\` | ${m.owns} | ${m.uses.length ? m.uses.join(', ') : 'the framework only'} |`
  )
  return ['| module | owns | may use |', '|---|---|---|', ...rows].join('\n')
}
