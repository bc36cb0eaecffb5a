package dev.renown.store;

import dev.renown.core.event.AccountKey;

import java.time.Instant;

/**
 * One account linked to a person, as stored.
 *
 * @param person   the person's id
 * @param account  the linked account
 * @param linkedBy who made the link: {@code file:PATH}, {@code api}, {@code suggestion:RULE}…
 * @param linkedAt when
 */
public record PersonLink(String person, AccountKey account, String linkedBy, Instant linkedAt) {
}
