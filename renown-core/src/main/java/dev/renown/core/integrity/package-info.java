/**
 * Integrity defences: how much each engager's voice counts, given the structure and timing of the
 * engagement around it, and the evidence behind every discount (see {@link dev.renown.core.integrity.EngagerVoices}).
 */
package dev.renown.core.integrity;
