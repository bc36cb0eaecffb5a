package dev.renown.core.event;

import java.util.List;

/**
 * What a source tells about an account beyond its id: names for display, the counts networks
 * publish on profiles when they are known ({@link #UNKNOWN} otherwise), and the links the
 * profile carries when the source gives them (the evidence of {@code renown people suggest}).
 *
 * @param account     the account
 * @param handle      the current handle ({@code @name}) without '@', or null
 * @param displayName the display name, or null
 * @param followers   followers count, or {@link #UNKNOWN}
 * @param following   following count, or {@link #UNKNOWN}
 * @param posts       posts count, or {@link #UNKNOWN}
 * @param links       every link the profile carries as of this record, or null when the record does
 *                    not say (an empty list says the profile carries none)
 */
public record AccountProfile(AccountKey account, String handle, String displayName,
                             long followers, long following, long posts, List<ProfileLink> links) {

    /** Marks a count the source did not give. */
    public static final long UNKNOWN = -1;

    public AccountProfile {
        java.util.Objects.requireNonNull(account, "account");
        links = links == null ? null : List.copyOf(links);
    }

    /** A profile that does not say which links it carries. */
    public AccountProfile(AccountKey account, String handle, String displayName, long followers, long following,
                          long posts) {
        this(account, handle, displayName, followers, following, posts, null);
    }

    /** A profile that only names the account. */
    public static AccountProfile named(AccountKey account, String handle, String displayName) {
        return new AccountProfile(account, handle, displayName, UNKNOWN, UNKNOWN, UNKNOWN);
    }
}
