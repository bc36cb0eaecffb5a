package dev.renown.core.event;

import java.util.Collection;

/**
 * Where an event's topics come from, when not from its hashtags as they are: given the post's
 * text (null when the data carries none) and its hashtags, the post's topics. Every interaction
 * of one post carries the same text and hashtags, so every event of a post gets the same topics.
 *
 * <p>{@code dev.renown.core.topic.TopicExtractor} is the implementation (raw content keys, or a
 * taxonomy's topics with their ancestors). Implementations must be thread-safe and deterministic.
 */
@FunctionalInterface
public interface TopicSource {

    /** The topics of one post; {@code text} may be null, {@code hashtags} may be empty. */
    Collection<String> topics(String text, Collection<String> hashtags);
}
