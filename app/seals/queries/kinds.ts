import type { SealShape } from '#seals/services/render'

/**
 * The kinds of seal CertDesk makes, as the manuals name them (004 §4.5,
 * 数信签 §8–9), and how each one's face is made: a template (its default
 * shape and the line across its bottom) or a handwritten signature. Pages
 * and the seal lifecycle read this list; the renderer does not need it.
 */

export type SealKind =
  | 'official'
  | 'legal_rep'
  | 'legal_rep_signature'
  | 'finance'
  | 'contract'
  | 'invoice'
  | 'custom'
  | 'personal'
  | 'personal_signature'

export interface SealKindInfo {
  kind: SealKind
  label: string
  /** whose seal it is */
  owner: 'org' | 'person'
  /** 'template': drawn from text (render.ts); 'signature': handwritten (signature.ts) */
  made: 'template' | 'signature'
  /** templates: the default shape */
  shape?: SealShape
  /** templates: the line across the bottom (round and oval), if the kind has one */
  bottomText?: string
  /** templates: the face also carries the tax number (发票专用章) */
  needsTaxNumber?: boolean
}

export const SEAL_KINDS: Record<SealKind, SealKindInfo> = {
  official: { kind: 'official', label: '企业公章', owner: 'org', made: 'template', shape: 'round' },
  legal_rep: {
    kind: 'legal_rep',
    label: '法人章',
    owner: 'org',
    made: 'template',
    shape: 'square',
  },
  legal_rep_signature: {
    kind: 'legal_rep_signature',
    label: '法人手写签名',
    owner: 'org',
    made: 'signature',
  },
  finance: {
    kind: 'finance',
    label: '财务专用章',
    owner: 'org',
    made: 'template',
    shape: 'round',
    bottomText: '财务专用章',
  },
  contract: {
    kind: 'contract',
    label: '合同专用章',
    owner: 'org',
    made: 'template',
    shape: 'round',
    bottomText: '合同专用章',
  },
  invoice: {
    kind: 'invoice',
    label: '发票专用章',
    owner: 'org',
    made: 'template',
    shape: 'oval',
    bottomText: '发票专用章',
    needsTaxNumber: true,
  },
  custom: { kind: 'custom', label: '自定义', owner: 'org', made: 'template', shape: 'round' },
  personal: {
    kind: 'personal',
    label: '个人名章',
    owner: 'person',
    made: 'template',
    shape: 'square',
  },
  personal_signature: {
    kind: 'personal_signature',
    label: '个人手写签名',
    owner: 'person',
    made: 'signature',
  },
}

export function sealKinds(owner?: 'org' | 'person'): SealKindInfo[] {
  return Object.values(SEAL_KINDS).filter((k) => !owner || k.owner === owner)
}

export function sealKind(kind: string): SealKindInfo | undefined {
  return Object.hasOwn(SEAL_KINDS, kind) ? SEAL_KINDS[kind as SealKind] : undefined
}
