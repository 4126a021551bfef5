/** the database's time columns, written and read the same on SQLite and PostgreSQL (#core/db_time) */
export { dbTime, fromDb } from '#core/db_time'
