package dev.governor;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Main is the command line: {@code serve} starts the service, {@code users add} creates a user and prints its token. */
@Command(name = "governor", mixinStandardHelpOptions = true, version = "governor 0.1",
        description = "Guardrails for brands that sell DTC and on marketplaces.",
        subcommands = {ServeCommand.class, UsersCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
