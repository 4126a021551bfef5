import type { HttpContext } from '@adonisjs/core/http'

/**
 * Sections a higher module adds to the payment form (payments uses core
 * only: it does not know invoices). The invoices module registers 是否开票
 * at boot; the orders module's 立即支付 page asks `paymentFormSections`
 * for what to show inside the form, and POST /payments hands the posted
 * fields to `acceptPaymentFormSections` before the payment is opened.
 */
export interface PaymentFormSection {
  /** an Edge component shown inside the form, before the submit button */
  component: string
  /** its props for this order and this signed-in person (null: not shown) */
  props(ctx: HttpContext, orderNo: string): Promise<Record<string, unknown> | null>
  /**
   * The posted form, before the payment is opened: read the section's own
   * fields (absent when the form did not show it: do nothing) and keep
   * what was chosen. A RuleError (at its field) brings the form back.
   */
  accept(ctx: HttpContext, orderNo: string): Promise<void>
}

const sections: PaymentFormSection[] = []

export function registerPaymentFormSection(section: PaymentFormSection): () => void {
  sections.push(section)
  return () => {
    const index = sections.indexOf(section)
    if (index >= 0) sections.splice(index, 1)
  }
}

/** for the payment form (payments/method_choice.edge, prop `sections`) */
export async function paymentFormSections(ctx: HttpContext, orderNo: string) {
  const shown: Array<{ component: string; props: Record<string, unknown> }> = []
  for (const section of sections) {
    const props = await section.props(ctx, orderNo)
    if (props) shown.push({ component: section.component, props })
  }
  return shown
}

export async function acceptPaymentFormSections(ctx: HttpContext, orderNo: string) {
  for (const section of sections) await section.accept(ctx, orderNo)
}
