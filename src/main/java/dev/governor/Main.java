package dev.governor;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Main is the command line: {@code serve} starts the service, {@code users add} creates a user and prints its token. */
@Command(name = "governor", mixinStandardHelpOptions = true, version = "governor 0.1",
        description = "Guardrails for brands that sell DTC and on marketplaces.",
        subcommands = {ServeCommand.class, UsersCommand.class, CheckDraftCommand.class})
public final class Main implements Callable<Integer> {

    /** The exit status when no command (or an unknown one) was given. */
    public static final int USAGE = 2;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line, printing a {@link StartFailure} as one line with status 1 rather than a stack trace. */
    public static CommandLine commandLine() {
        CommandLine line = new CommandLine(new Main());
        line.setExecutionExceptionHandler((failure, command, parsed) -> {
            if (failure instanceof StartFailure) {
                command.getErr().println("governor: " + failure.getMessage());
                return 1;
            }
            throw failure;
        });
        return line;
    }

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }
}
