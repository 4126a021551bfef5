import { defineConfig } from '@adonisjs/core/bodyparser'

/**
 * Body parser configuration: how request bodies are parsed for forms,
 * JSON, raw notifications and file uploads. Nothing here is set through env.
 */
const bodyParserConfig = defineConfig({
  /**
   * The bodyparser middleware parses the request body for these HTTP
   * methods only (GET, HEAD and OPTIONS carry no body we read).
   */
  allowedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'],

  /**
   * Config for the "application/x-www-form-urlencoded" parser: every form
   * of the site without a file (the site works without JavaScript).
   */
  form: {
    /**
     * An empty field arrives as null, so that validators see "not filled
     * in" (optional fields stay empty in the database, not '').
     */
    convertEmptyStringsToNull: true,

    /**
     * Trim whitespace at both ends of every value: names, ID numbers and
     * phone numbers pasted with a stray space still match.
     */
    trimWhitespaces: true,

    /**
     * Content types parsed as form data.
     */
    types: ['application/x-www-form-urlencoded'],
  },

  /**
   * Config for the JSON parser: WeChat Pay notifications and real-name
   * providers' callbacks. Their controllers check the signature over
   * request.raw(), which this parser keeps next to the parsed body.
   */
  json: {
    /**
     * An empty string arrives as null, as in forms.
     */
    convertEmptyStringsToNull: true,

    /**
     * Trim whitespace at both ends of every string value.
     */
    trimWhitespaces: true,

    /**
     * Content types parsed as JSON (plain JSON and the JSON-based API types).
     */
    types: ['application/json', 'application/json-patch+json', 'application/vnd.api+json'],
  },

  /**
   * Raw bodies (payment notifications) are read by their own controllers
   * from request.raw(), decoded as UTF-8 text. OCSP requests
   * (application/ocsp-request) are binary DER: they are left unparsed and
   * the OCSP controller reads the bytes from the request stream itself.
   */
  raw: {
    /**
     * Content types kept as text only, not parsed (their signatures are
     * checked over the exact bytes received).
     */
    types: ['application/octet-stream', 'text/plain', 'text/xml'],
  },

  /**
   * Config for the "multipart/form-data" parser: forms with files
   * (application materials, ID photos, remittance vouchers, CSRs, the
   * back office's downloads and templates).
   */
  multipart: {
    /**
     * Uploaded files are streamed to the OS tmp folder before the
     * controller runs; the controller checks type and size and moves the
     * file to private storage (config/drive.ts).
     */
    autoProcess: true,

    /**
     * An empty field arrives as null, as in forms.
     */
    convertEmptyStringsToNull: true,

    /**
     * Trim whitespace at both ends of every field value.
     */
    trimWhitespaces: true,

    /**
     * Routes whose uploads a controller reads itself as a stream: none.
     */
    processManually: [],

    /**
     * Largest whole request, all files and fields (30 MB): the largest
     * single file is a back-office download (25 MB, app/catalog/labels.ts)
     * plus its form. A reverse proxy in front must allow a little more
     * (README: client_max_body_size 32m). Each file's own limit is checked
     * by its controller.
     */
    limit: '30mb',

    /**
     * Content types parsed as multipart form data.
     */
    types: ['multipart/form-data'],
  },
})

export default bodyParserConfig
