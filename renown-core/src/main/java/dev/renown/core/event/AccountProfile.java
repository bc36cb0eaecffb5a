package dev.renown.core.event;

/**
 * What a source tells about an account beyond its id: names for display, and the counts
 * networks publish on profiles when they are known ({@link #UNKNOWN} otherwise).
 *
 * @param account     the account
 * @param handle      the current handle ({@code @name}) without '@', or null
 * @param displayName the display name, or null
 * @param followers   followers count, or {@link #UNKNOWN}
 * @param following   following count, or {@link #UNKNOWN}
 * @param posts       posts count, or {@link #UNKNOWN}
 */
public record AccountProfile(AccountKey account, String handle, String displayName,
                             long followers, long following, long posts) {

    /** Marks a count the source did not give. */
    public static final long UNKNOWN = -1;

    public AccountProfile {
        java.util.Objects.requireNonNull(account, "account");
    }

    /** A profile that only names the account. */
    public static AccountProfile named(AccountKey account, String handle, String displayName) {
        return new AccountProfile(account, handle, displayName, UNKNOWN, UNKNOWN, UNKNOWN);
    }
}
