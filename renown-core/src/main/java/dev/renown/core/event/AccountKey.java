package dev.renown.core.event;

import java.util.Objects;

/**
 * The identity of an account: the network it lives on and its stable id there.
 *
 * <p>Ids are the network's own immutable identifiers (a Twitter user id, a Bluesky DID, a
 * Mastodon account URI), never handles, which can change. The same person on two networks is
 * two accounts. The text form is {@code network:id}; ids may themselves contain colons
 * (Bluesky's {@code did:plc:…}), so parsing splits at the first colon only.
 *
 * @param network lower-case network name, such as {@code twitter}, {@code bluesky} or {@code snap}
 * @param id      the account's id on that network
 */
public record AccountKey(String network, String id) implements Comparable<AccountKey> {

    public AccountKey {
        network = requireToken(network, "network");
        id = requireToken(id, "account id");
        if (network.indexOf(':') >= 0) {
            throw new IllegalArgumentException("network name must not contain ':': " + network);
        }
    }

    /**
     * Parses {@code network:id}. Without a colon the whole text is the id on
     * {@code defaultNetwork}.
     */
    public static AccountKey parse(String text, String defaultNetwork) {
        Objects.requireNonNull(text, "account");
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new AccountKey(defaultNetwork, text);
        }
        return new AccountKey(text.substring(0, colon), text.substring(colon + 1));
    }

    static String requireToken(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " is missing or blank");
        }
        return value;
    }

    @Override
    public int compareTo(AccountKey other) {
        int c = network.compareTo(other.network);
        return c != 0 ? c : id.compareTo(other.id);
    }

    @Override
    public String toString() {
        return network + ':' + id;
    }
}
