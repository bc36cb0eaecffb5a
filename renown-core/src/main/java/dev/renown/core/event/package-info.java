/** Interactions between accounts, their identities, and the compact table they are loaded into. */
package dev.renown.core.event;
