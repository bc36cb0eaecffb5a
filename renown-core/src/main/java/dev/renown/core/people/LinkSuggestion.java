package dev.renown.core.people;

import dev.renown.core.event.AccountKey;

import java.util.List;

/**
 * A proposal to link two accounts on different networks to one person, with what suggests it.
 * Nothing is linked until the user confirms it ({@link LinkSuggestions#confirm}).
 *
 * @param id       a stable id: the same two accounts give the same id on every run
 * @param account  the account whose profile holds the evidence (for {@link LinkEvidence#HANDLE},
 *                 the first of the two in key order)
 * @param other    the account it names
 * @param person   the person they would join: the person one of them is linked to already, else
 *                 the person of the linked accounts of the suggestions it shares accounts with,
 *                 else a new id (a handle, unique), the same for every suggestion of that group
 * @param evidence the strongest evidence
 * @param reasons  every piece of evidence as a sentence, strongest first
 */
public record LinkSuggestion(String id, AccountKey account, AccountKey other, String person, LinkEvidence evidence,
                             List<String> reasons) {

    public LinkSuggestion {
        reasons = List.copyOf(reasons);
    }

    /** The two accounts. */
    public List<AccountKey> accounts() {
        return List.of(account, other);
    }

    /** Who makes the links when the suggestion is confirmed: {@code suggestion:<evidence>}. */
    public String linkedBy() {
        return "suggestion:" + evidence.code();
    }

    /** The reasons as one text. */
    public String reason() {
        return String.join("; also ", reasons);
    }
}
