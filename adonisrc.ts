import { indexEntities } from '@adonisjs/core'
import { indexPolicies } from '@adonisjs/bouncer'
import { defineConfig } from '@adonisjs/core/app'

export default defineConfig({
  experimental: {},

  /**
   * Static assets (CSS, icons) live in resources/public and are served
   * from the site root by @adonisjs/static. Nothing comes from a CDN.
   */
  directories: {
    public: 'resources/public',
  },

  /**
   * Package commands, then the commands of every module
   * (app/<module>/commands/*.ts, modules from app/modules.ts) through one loader.
   */
  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    () => import('@adonisjs/session/commands'),
    () => import('@adonisjs/bouncer/commands'),
    () => import('@adonisjs/queue/commands'),
    () => import('#start/module_commands'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    {
      file: () => import('@adonisjs/core/providers/repl_provider'),
      environment: ['repl', 'test'],
    },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('@adonisjs/drive/drive_provider'),
    () => import('@adonisjs/queue/queue_provider'),
    () => import('@adonisjs/mail/mail_provider'),
    () => import('#providers/app_provider'),
  ],

  preloads: [
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/view'),
    () => import('#start/validator'),
    () => import('#start/registrations'),
  ],

  tests: {
    suites: [
      {
        files: ['tests/unit/**/*.spec.ts'],
        name: 'unit',
        timeout: 20000,
      },
      {
        files: ['tests/functional/**/*.spec.ts'],
        name: 'functional',
        timeout: 60000,
      },
      {
        files: ['tests/browser/**/*.spec.ts'],
        name: 'browser',
        timeout: 180000,
      },
    ],
    forceExit: false,
  },

  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'resources/public/**', reloadServer: false },
    { pattern: 'app/**/data/**/*.json', reloadServer: false },
  ],

  hooks: {
    init: [
      indexEntities({
        controllers: {
          enabled: true,
          source: './app',
          glob: ['**/controllers/**/*_controller.ts'],
          importAlias: '#app',
        },
        events: { enabled: false },
        listeners: { enabled: false },
      }),
      indexPolicies({
        source: './app',
        glob: ['**/policies/**/*_policy.ts'],
        importAlias: '#app',
      }),
    ],
  },
})
