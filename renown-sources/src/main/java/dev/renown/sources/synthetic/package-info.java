/** Seeded synthetic interaction data (social and questions-and-answers dynamics) for tests and scale runs. */
package dev.renown.sources.synthetic;
