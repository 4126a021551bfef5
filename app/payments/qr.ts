import QRCode from 'qrcode'

/**
 * A QR code rendered here (never by a third-party service), as inline SVG.
 */
export async function qrSvg(text: string, label = '支付二维码'): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 })
  const safeLabel = label.replace(/[<>&"]/g, '')
  return svg.replace('<svg ', `<svg class="qr" role="img" aria-label="${safeLabel}" `)
}
