/** Signals, their calibration into a 1–100 score, and explanations of every score. */
package dev.renown.core.score;
