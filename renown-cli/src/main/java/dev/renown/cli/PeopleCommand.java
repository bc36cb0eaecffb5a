package dev.renown.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.renown.core.event.AccountKey;
import dev.renown.core.people.LinkSuggestion;
import dev.renown.core.people.LinkSuggestions;
import dev.renown.core.people.People;
import dev.renown.store.PersonLink;
import dev.renown.store.Store;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code renown people}: the persons whose accounts on several networks are linked in the
 * database — imported from a file, or suggested from the accounts' profiles and confirmed.
 */
@Command(name = "people", mixinStandardHelpOptions = true,
        description = "Link accounts on several networks to persons in the database, list the links, and suggest "
                + "links from what the accounts' profiles say.",
        subcommands = {PeopleCommand.Import.class, PeopleCommand.ListLinks.class, PeopleCommand.Suggest.class,
                PeopleCommand.Confirm.class})
final class PeopleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "name a subcommand: import, list, suggest or confirm");
    }

    /** {@code renown people import FILE}: stores a mapping file's links. */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Store the links of a person,network,account CSV (an account linked before moves to the "
                    + "person the file names). Lines that cannot be used are named and left out (exit code 3).")
    static final class Import implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(paramLabel = "FILE", description = "CSV of person,network,account lines.")
        Path file;

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        @Override
        public Integer call() throws Exception {
            People.Read read = read(file, "", spec.commandLine().getErr());
            Instant now = Instant.now();
            List<PersonLink> links = new ArrayList<>();
            for (String person : read.people().persons()) {
                read.people().accounts(person).forEach(a -> links.add(new PersonLink(person, a, "file:" + file, now)));
            }
            try (Store store = storeOptions.open()) {
                store.savePersonLinks(links);
                spec.commandLine().getOut().printf("%d accounts of %d persons linked in %s%n", links.size(),
                        read.people().size(), store.url());
            }
            spec.commandLine().getOut().flush();
            return read.problems().isEmpty() ? 0 : Renown.EXIT_REJECTS;
        }
    }

    /** {@code renown people list}: every stored link. */
    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List every stored link: person, account, who linked it and when.")
    static final class ListLinks implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = storeOptions.open()) {
                List<PersonLink> links = store.personLinks();
                if (links.isEmpty()) {
                    out.println("No person linked in " + store.url() + " yet: renown people import FILE links some.");
                }
                for (PersonLink l : links) {
                    out.printf("%s  %s  (%s, %s)%n", l.person(), l.account(), l.linkedBy(), l.linkedAt());
                }
            }
            out.flush();
            return 0;
        }
    }

    /**
     * {@code renown people suggest}: links the stored profiles suggest (rules in
     * {@link LinkSuggestions}), strongest first; nothing is stored.
     */
    @Command(name = "suggest", mixinStandardHelpOptions = true,
            description = "List links between accounts on different networks that look like one person — a "
                    + "verified Mastodon profile link (rel-me), a Bluesky domain handle named on another profile "
                    + "(domain), the same handle (handle, weakest) — strongest first, each with an id. Nothing is "
                    + "stored: renown people confirm ID... stores the ones you choose.")
    static final class Suggest implements Callable<Integer> {

        /** Suggestions printed unless {@code --limit} says otherwise. */
        static final int LIMIT_DEFAULT = 50;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--json", description = "Print JSON.")
        boolean json;

        @CommandLine.Option(names = "--limit", paramLabel = "N",
                description = "Print at most N suggestions (default: " + LIMIT_DEFAULT + ").")
        int limit = LIMIT_DEFAULT;

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        @Override
        public Integer call() throws Exception {
            if (limit < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit must be at least 1: " + limit);
            }
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = storeOptions.open()) {
                LinkSuggestions.Found found = store.linkSuggestions();
                if (json) {
                    printJson(found, out);
                } else {
                    printText(found, store.url(), out);
                }
            }
            out.flush();
            return 0;
        }

        private void printText(LinkSuggestions.Found found, String url, PrintWriter out) {
            List<LinkSuggestion> all = found.suggestions();
            if (all.isEmpty()) {
                out.println("No link to suggest in " + url + ": suggestions come from profiles ingested from "
                        + "Mastodon, Twitter and Bluesky (handles, profile links).");
            } else {
                out.printf("%s, strongest evidence first; store the ones you choose with "
                        + "renown people confirm ID...%n", all.size() == 1 ? "1 suggestion" : all.size() + " suggestions");
            }
            for (LinkSuggestion s : all.subList(0, Math.min(limit, all.size()))) {
                out.printf("%n%s  %-6s  %s + %s -> person %s%n", s.id(), s.evidence().code(), s.account(), s.other(),
                        s.person());
                s.reasons().forEach(r -> out.println("    " + r));
            }
            if (all.size() > limit) {
                out.printf("%n... and %d more (--limit %d shows more)%n", all.size() - limit, limit);
            }
            if (!found.leftOut().isEmpty()) {
                out.printf("%nNot suggested (%d):%n", found.leftOut().size());
                found.leftOut().stream().limit(limit)
                        .forEach(l -> out.println("  " + l.evidence().code() + ": " + l.why()));
                if (found.leftOut().size() > limit) {
                    out.printf("  ... and %d more%n", found.leftOut().size() - limit);
                }
            }
            if (found.alreadyLinked() > 0) {
                out.printf("%n%s linked to one person already.%n", found.alreadyLinked() == 1
                        ? "1 pair with evidence is" : found.alreadyLinked() + " pairs with evidence are");
            }
        }

        private void printJson(LinkSuggestions.Found found, PrintWriter out) throws IOException {
            try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
                g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
                g.useDefaultPrettyPrinter();
                g.writeStartObject();
                g.writeNumberField("total", found.suggestions().size());
                g.writeArrayFieldStart("suggestions");
                for (LinkSuggestion s : found.suggestions().subList(0, Math.min(limit, found.suggestions().size()))) {
                    g.writeStartObject();
                    g.writeStringField("id", s.id());
                    g.writeStringField("evidence", s.evidence().code());
                    g.writeArrayFieldStart("accounts");
                    for (AccountKey a : s.accounts()) {
                        g.writeString(a.toString());
                    }
                    g.writeEndArray();
                    g.writeStringField("person", s.person());
                    g.writeStringField("linked_by", s.linkedBy());
                    g.writeArrayFieldStart("reasons");
                    for (String r : s.reasons()) {
                        g.writeString(r);
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("not_suggested");
                for (LinkSuggestions.LeftOut l : found.leftOut()) {
                    g.writeStartObject();
                    g.writeStringField("evidence", l.evidence().code());
                    g.writeArrayFieldStart("accounts");
                    for (AccountKey a : l.accounts()) {
                        g.writeString(a.toString());
                    }
                    g.writeEndArray();
                    g.writeStringField("why", l.why());
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeNumberField("already_linked", found.alreadyLinked());
                g.writeEndObject();
            }
            out.println();
        }
    }

    /** {@code renown people confirm ID...}: stores the links of chosen suggestions. */
    @Command(name = "confirm", mixinStandardHelpOptions = true,
            description = "Store the links of suggestions by id (renown people suggest lists them): each "
                    + "suggestion's accounts join its person, linked by suggestion:<evidence>. When an id cannot be "
                    + "confirmed, each is named and nothing is stored (exit code 1).")
    static final class Confirm implements Callable<Integer> {

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Parameters(paramLabel = "ID", arity = "1..*", description = "Suggestion ids (s-…).")
        List<String> ids;

        @Mixin
        StoreOptions storeOptions = new StoreOptions();

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            try (Store store = storeOptions.open()) {
                LinkSuggestions.Confirmation c = store.confirmSuggestions(ids, Instant.now());
                if (!c.problems().isEmpty()) {
                    PrintWriter err = spec.commandLine().getErr();
                    c.problems().forEach(p -> err.println("renown: " + p));
                    throw new Renown.UserError("nothing stored: " + c.problems().size() + " of " + ids.size()
                            + " ids cannot be confirmed", 1);
                }
                for (LinkSuggestions.NewLink l : c.links()) {
                    out.printf("%s linked to person %s (%s)%n", l.account(), l.person(), l.linkedBy());
                }
                out.printf("%d accounts linked in %s%n", c.links().size(), store.url());
            }
            out.flush();
            return 0;
        }
    }

    /**
     * Reads a mapping file and prints the first ten lines it left out on {@code err}; a file that
     * cannot be read is a user error, named after {@code option} (e.g. {@code "--people: "}).
     */
    static People.Read read(Path file, String option, PrintWriter err) {
        People.Read read;
        try {
            read = People.read(file);
        } catch (NoSuchFileException e) {
            throw new Renown.UserError(option + "no such file: " + file, 1);
        } catch (IOException e) {
            throw new Renown.UserError(option + "cannot read " + file + ": " + e.getMessage(), 1);
        }
        read.problems().stream().limit(10).forEach(p -> err.println("renown: " + p));
        if (read.problems().size() > 10) {
            err.printf("renown: ... and %d more lines of %s left out%n", read.problems().size() - 10, file);
        }
        return read;
    }
}
