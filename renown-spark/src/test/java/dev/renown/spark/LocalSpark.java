package dev.renown.spark;

import org.apache.spark.sql.SparkSession;

/** Local Spark sessions for tests: no UI, few shuffle partitions. */
final class LocalSpark {

    private LocalSpark() {
    }

    static SparkSession session(int threads) {
        return SparkSession.builder()
                .master("local[" + threads + "]")
                .appName("renown-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", String.valueOf(2 * threads))
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }
}
