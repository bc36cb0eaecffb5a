/** Campaign search: candidates for a topic, filtered and explained, from an index built once over the scores. */
package dev.renown.core.find;
