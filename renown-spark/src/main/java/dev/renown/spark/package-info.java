/** The same scoring as renown-core's, as an Apache Spark job: distributed reading, deduplication and folding. */
package dev.renown.spark;
