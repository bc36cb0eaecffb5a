/** The compact interaction graph of a scoring window and the propagation of influence over it. */
package dev.renown.core.graph;
