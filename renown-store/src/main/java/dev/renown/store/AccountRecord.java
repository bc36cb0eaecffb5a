package dev.renown.store;

import dev.renown.core.event.AccountKey;

/**
 * What the store knows about an account; counts are null when no source gave them.
 */
public record AccountRecord(AccountKey account, String handle, String displayName, Long followers, Long following,
                            Long posts) {
}
