package dev.renown.sources;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.AccountProfile;
import dev.renown.core.event.Interaction;
import dev.renown.core.event.InteractionKind;
import dev.renown.core.event.InteractionSink;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The fields of one record of the generic NDJSON and CSV formats, as read, before validation.
 * Field names are the same in both formats; see {@code docs/formats.md}.
 */
final class GenericRecord {

    static final List<String> FIELDS = List.of("id", "network", "kind", "actor", "target", "time", "post",
            "target_post", "text", "hashtags", "actor_handle", "target_handle");

    String id;
    String network;
    String kind;
    String actor;
    String target;
    String time;
    /** A time given as a number, already in milliseconds; {@link Times#INVALID} when not. */
    long timeMillis = Times.INVALID;
    String post;
    String targetPost;
    String text;
    List<String> hashtags = new ArrayList<>();
    String actorHandle;
    String targetHandle;

    /** Sets a field given as text; unknown field names are ignored. */
    void set(String field, String value) {
        String v = value == null || value.isEmpty() ? null : value;
        switch (field) {
            case "id": id = v; break;
            case "network": network = v; break;
            case "kind": kind = v; break;
            case "actor": actor = v; break;
            case "target": target = v; break;
            case "time": time = v; break;
            case "post": post = v; break;
            case "target_post": targetPost = v; break;
            case "text": text = v; break;
            case "actor_handle": actorHandle = v; break;
            case "target_handle": targetHandle = v; break;
            default: break;
        }
    }

    /** Validates the record and hands it to the sink, with the handles it names. */
    void emit(String defaultNetwork, TimeBound bound, InteractionSink sink) throws FieldException {
        String net = network != null ? network.toLowerCase(Locale.ROOT) : defaultNetwork;
        if (net == null) {
            throw missing("network");
        }
        if (net.indexOf(':') >= 0 || net.isBlank()) {
            throw new FieldException("network", "invalid-value", "network name must be non-blank without ':'");
        }
        if (kind == null) {
            throw missing("kind");
        }
        InteractionKind k;
        try {
            k = InteractionKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw new FieldException("kind", "unknown-kind", e.getMessage());
        }
        if (actor == null || actor.isBlank()) {
            throw missing("actor");
        }
        if (target == null || target.isBlank()) {
            throw missing("target");
        }
        long millis;
        if (timeMillis != Times.INVALID) {
            millis = timeMillis;
        } else if (time != null) {
            millis = Times.parseMillis("time", time);
        } else {
            throw missing("time");
        }
        bound.check("time", millis);
        List<String> tags = new ArrayList<>(hashtags.size());
        for (String tag : hashtags) {
            String t = tag.startsWith("#") ? tag.substring(1) : tag;
            if (!t.isBlank()) {
                tags.add(t.toLowerCase(Locale.ROOT));
            }
        }
        String eventId = id != null ? net + "/" + id : Interaction.derivedId(net, k, actor, target, millis, post);
        sink.accept(new Interaction(eventId, net, k, actor, target, millis, post, targetPost, text, tags));
        if (actorHandle != null) {
            sink.profile(AccountProfile.named(new AccountKey(net, actor), actorHandle, null));
        }
        if (targetHandle != null) {
            sink.profile(AccountProfile.named(new AccountKey(net, target), targetHandle, null));
        }
    }

    private static FieldException missing(String field) {
        return new FieldException(field, "missing-field", "required field '" + field + "' is missing");
    }
}
