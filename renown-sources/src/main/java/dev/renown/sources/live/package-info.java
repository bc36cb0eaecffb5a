/** Live connectors: streams (Bluesky Jetstream, Mastodon streaming) read into a store, resumable from a cursor. */
package dev.renown.sources.live;
