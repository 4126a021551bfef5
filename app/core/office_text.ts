import officeConfig from '#config/office'

/**
 * The office's own texts (agreements, the e-contract) name it through
 * placeholders: {office}, {hotline} and {address} come from
 * config/office.ts (.env).
 */
export function fillOfficeText(text: string) {
  return text
    .replaceAll('{office}', officeConfig.name)
    .replaceAll('{hotline}', officeConfig.hotline)
    .replaceAll('{address}', officeConfig.address)
}

/** headed sections of such a text, filled */
export function fillOfficeSections<T extends { heading: string; paragraphs: string[] }>(
  sections: T[]
): T[] {
  return sections.map((s) => ({
    ...s,
    heading: fillOfficeText(s.heading),
    paragraphs: s.paragraphs.map(fillOfficeText),
  }))
}
