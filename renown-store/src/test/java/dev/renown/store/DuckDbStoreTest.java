package dev.renown.store;

/** The contract on an embedded DuckDB file. */
class DuckDbStoreTest extends StoreContractTest {

    @Override
    Store open() {
        return Stores.open("jdbc:duckdb:" + dir.resolve("renown.duckdb"), null, null);
    }
}
