import QRCode from 'qrcode'

/**
 * A QR code rendered here (never by a third-party service), as inline SVG
 * with an accessible label: what a phone scans to open a link (a
 * provider's face-liveness page, a cashier…). Style it with the `.qr`
 * class; the SVG carries no style attribute (the CSP forbids them).
 */
export async function qrSvg(text: string, label = '二维码'): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  const safeLabel = label.replace(/[<>&"]/g, '')
  return svg.replace('<svg ', `<svg class="qr" role="img" aria-label="${safeLabel}" `)
}
