/** Readers that turn real interaction formats into validated events, keeping bad records aside. */
package dev.renown.sources;
