package dev.renown.store;

import dev.renown.core.event.AccountKey;
import dev.renown.core.event.ProfileLink;

import java.time.Instant;

/**
 * A link an account's profile carries, as stored.
 *
 * @param account the account
 * @param link    the link: URL, where on the profile, verified or not
 * @param seenAt  when the profile carrying it was last ingested
 */
public record ProfileLinkRecord(AccountKey account, ProfileLink link, Instant seenAt) {
}
