package dev.renown.core.people;

import dev.renown.core.event.AccountKey;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which accounts belong to which person: each person a non-empty list of accounts, each account
 * in at most one person. Built from links ({@link #builder()}), or read from a mapping file of
 * {@code person,network,account} lines ({@link #read(Path)}).
 */
public final class People {

    private final Map<String, List<AccountKey>> accountsByPerson;
    private final Map<AccountKey, String> personByAccount;

    private People(Map<String, List<AccountKey>> accountsByPerson) {
        Map<String, List<AccountKey>> copy = new LinkedHashMap<>();
        Map<AccountKey, String> owner = new HashMap<>();
        accountsByPerson.forEach((person, accounts) -> {
            copy.put(person, List.copyOf(accounts));
            accounts.forEach(a -> owner.put(a, person));
        });
        this.accountsByPerson = Collections.unmodifiableMap(copy);
        this.personByAccount = owner;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The persons, in the order they were first named. */
    public List<String> persons() {
        return List.copyOf(accountsByPerson.keySet());
    }

    /** The accounts of a person, in the order they were linked; empty for an unknown person. */
    public List<AccountKey> accounts(String person) {
        return accountsByPerson.getOrDefault(person, List.of());
    }

    /** The person an account is linked to, if any. */
    public Optional<String> personOf(AccountKey account) {
        return Optional.ofNullable(personByAccount.get(account));
    }

    public int size() {
        return accountsByPerson.size();
    }

    /** Links accounts to persons; an account linked twice keeps its first person. */
    public static final class Builder {
        private final Map<String, List<AccountKey>> accounts = new LinkedHashMap<>();
        private final Map<AccountKey, String> owner = new HashMap<>();

        /**
         * Links {@code account} to {@code person}.
         *
         * @return null when linked (or linked to this person already), else why not
         */
        public String link(String person, AccountKey account) {
            if (person == null || person.isBlank() || !person.strip().equals(person)) {
                return "person id must be non-blank, without surrounding spaces";
            }
            String current = owner.get(account);
            if (current != null) {
                return current.equals(person) ? null
                        : "account " + account + " is linked to person '" + current + "' already";
            }
            owner.put(account, person);
            accounts.computeIfAbsent(person, p -> new ArrayList<>()).add(account);
            return null;
        }

        public People build() {
            return new People(accounts);
        }
    }

    /** A mapping file read, and the lines it could not use. */
    public record Read(People people, List<String> problems) {
    }

    /**
     * Reads a mapping file: UTF-8 CSV lines {@code person,network,account}, an optional header
     * line {@code person,network,account}, blank lines and lines starting with {@code #}
     * ignored. A line that cannot be used is reported as {@code file:line: why} and left out; the
     * others are kept.
     */
    public static Read read(Path file) throws IOException {
        Builder builder = builder();
        List<String> problems = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                String text = line.strip();
                if (text.isEmpty() || text.startsWith("#")
                        || number == 1 && text.equalsIgnoreCase("person,network,account")) {
                    continue;
                }
                String[] fields = text.split(",", -1);
                if (fields.length != 3) {
                    problems.add(file + ":" + number + ": expected 3 fields person,network,account, found "
                            + fields.length);
                    continue;
                }
                AccountKey account;
                try {
                    account = new AccountKey(fields[1].strip(), fields[2].strip());
                } catch (IllegalArgumentException e) {
                    problems.add(file + ":" + number + ": " + e.getMessage());
                    continue;
                }
                String why = builder.link(fields[0].strip(), account);
                if (why != null) {
                    problems.add(file + ":" + number + ": " + why);
                }
            }
        }
        return new Read(builder.build(), problems);
    }
}
