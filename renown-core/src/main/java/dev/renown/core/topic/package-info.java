/** Topic keys from what people post (hashtags, cashtags, mentions, keyword phrases) and user taxonomies over them. */
package dev.renown.core.topic;
