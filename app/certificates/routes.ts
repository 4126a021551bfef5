import router from '@adonisjs/core/services/router'

/**
 * Routes of the certificates module (prefix and names "certificates.*").
 */
void router
