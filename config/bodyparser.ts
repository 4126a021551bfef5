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
   * Raw bodies (payment notifications) are read by their own controllers
   * from request.raw(), decoded as UTF-8 text. OCSP requests
   * (application/ocsp-request) are binary DER: they are left unparsed and
   * the OCSP controller reads the bytes from the request stream itself.
   */
  raw: {
    types: ['application/octet-stream', 'text/plain', 'text/xml'],
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
