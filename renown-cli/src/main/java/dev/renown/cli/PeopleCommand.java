package dev.renown.cli;

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

/** {@code renown people}: the persons whose accounts on several networks are linked in the database. */
@Command(name = "people", mixinStandardHelpOptions = true,
        description = "Link accounts on several networks to persons in the database, and list the links.",
        subcommands = {PeopleCommand.Import.class, PeopleCommand.ListLinks.class})
final class PeopleCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: import or list");
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
