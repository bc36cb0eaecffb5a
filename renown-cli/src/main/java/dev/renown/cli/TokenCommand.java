package dev.renown.cli;

import dev.renown.server.Tokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code renown token}: makes an API token and prints it once, with the hash the server keeps. */
@Command(name = "token", mixinStandardHelpOptions = true,
        description = "Make a new random API token for the server's write endpoints. The token is printed once: "
                + "give it to clients; start the server with its SHA-256 (--token-hash or RENOWN_API_TOKEN_SHA256), "
                + "which is all the server keeps.")
final class TokenCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String token = Tokens.generate();
        PrintWriter out = spec.commandLine().getOut();
        out.println("token:  " + token);
        out.println("sha256: " + Tokens.sha256(token));
        out.println();
        out.println("Clients send:  Authorization: Bearer " + token);
        out.println("Serve with:    ./renown serve --token-hash " + Tokens.sha256(token));
        out.println("The token is not stored anywhere; keep it safe, or make a new one.");
        out.flush();
        return 0;
    }
}
