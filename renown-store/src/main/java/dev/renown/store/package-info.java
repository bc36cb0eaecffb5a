/** The store: interactions, accounts, daily snapshots and runs on DuckDB or PostgreSQL. */
package dev.renown.store;
