import router from '@adonisjs/core/services/router'

/**
 * Routes of the issuance module (prefix and names "issuance.*").
 */
void router
