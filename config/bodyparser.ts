import { defineConfig } from '@adonisjs/core/bodyparser'

const bodyParserConfig = defineConfig({
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],
  form: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    types: ['application/x-www-form-urlencoded'],
  },
  json: {
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    types: ['application/json', 'application/json-patch+json', 'application/vnd.api+json'],
  },
  /**
   * Raw bodies (OCSP requests, payment notifications) are read by their
   * own controllers from request.raw().
   */
  raw: {
    types: ['application/ocsp-request', 'application/octet-stream', 'text/plain', 'text/xml'],
  },
  multipart: {
    autoProcess: true,
    convertEmptyStringsToNull: true,
    trimWhitespaces: true,
    processManually: [],
    limit: '30mb',
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
